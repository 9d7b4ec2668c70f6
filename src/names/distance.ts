/**
 * Edit distance with adjacent transpositions (optimal string alignment), the measure
 * Lucene's fuzzy queries use: "kalsahov" is one edit from "kalashov". Counts code points.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const left = [...a]
  const right = [...b]
  if (Math.abs(left.length - right.length) > limit) {
    return limit + 1
  }
  let twoBack: number[] = []
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j)
  for (let i = 1; i <= left.length; i++) {
    const current = [i]
    let rowMinimum = i
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        value = Math.min(value, (twoBack[j - 2] as number) + 1)
      }
      current.push(value)
      rowMinimum = Math.min(rowMinimum, value)
    }
    if (rowMinimum > limit) {
      return limit + 1
    }
    twoBack = previous
    previous = current
  }
  return previous[right.length] as number
}

/** Edits a fuzzy match may need: none below four letters, one up to seven, two from eight. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0
  return length < 8 ? 1 : 2
}
