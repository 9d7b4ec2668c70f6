/**
 * Seedable pseudo-random numbers for the demo network.
 *
 * The generator is mulberry32 (Tommy Ettinger, public domain): 32 bits of state, fast and
 * well spread, which is enough for synthetic data but not for cryptography. Each stream
 * is seeded from a hash of the network seed and a scope such as `clan/12`, so a clan's
 * records do not depend on how many numbers the clans before it drew.
 */

export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Returns an integer in [min, max], both ends included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) {
      throw new RangeError('Random.pick: cannot pick from an empty list')
    }
    return item
  }

  /** Picks a value with probability proportional to its weight. */
  pickWeighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let target = this.next() * total
    for (const [value, weight] of entries) {
      target -= weight
      if (target < 0) {
        return value
      }
    }
    const last = entries[entries.length - 1]
    if (last === undefined) {
      throw new RangeError('Random.pickWeighted: cannot pick from an empty list')
    }
    return last[0]
  }

  /** Returns a shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice()
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const swap = copy[i] as T
      copy[i] = copy[j] as T
      copy[j] = swap
    }
    return copy
  }

  /** Returns up to `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count)
  }

  /** Returns a string of `length` random decimal digits. */
  digits(length: number): string {
    let text = ''
    for (let i = 0; i < length; i++) {
      text += String(Math.floor(this.next() * 10))
    }
    return text
  }

  /** Returns a string of `length` random capital Latin letters. */
  letters(length: number): string {
    let text = ''
    for (let i = 0; i < length; i++) {
      text += String.fromCharCode(65 + Math.floor(this.next() * 26))
    }
    return text
  }
}

/** Creates the stream for one scope of a seeded network, e.g. `createRandom(7, 'clan', 3)`. */
export function createRandom(seed: number, ...scope: Array<string | number>): Random {
  return new Random(hashText(`${seed}/${scope.join('/')}`))
}

/** FNV-1a over UTF-16 code units, then the MurmurHash3 finaliser to spread nearby seeds. */
function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}
