/**
 * Effective shares in one target through layered, possibly circular, holdings.
 *
 * With `x(t) = 1` for the target, every other holder n satisfies
 * `x(n) = sum over its links n -> m of share × x(m)`: the sum, over every walk from n to the
 * target, of the product of the shares along it. A loop makes that sum a geometric series.
 * The series converges when every loop loses part of the capital on the way round (the
 * spectral radius of the holdings matrix M is below 1), and its limit is then the solution
 * of the linear system `(I - M) x = b`.
 *
 * The holders are split into strongly connected components (Tarjan's algorithm), solved
 * owned-first. A component without a loop is one sum. A loop of at most
 * MAX_EXACT_LOOP_SIZE holders is solved directly, exact up to rounding, by Gaussian
 * elimination with partial pivoting. A larger one is solved by Jacobi iteration until no
 * value moves by more than ITERATION_TOLERANCE in one sweep.
 */
import { AppError } from '../errors.js'

/** A holding: `owner` owns `share` (0..1) of `owned`, or an unknown part when null. */
export interface ShareLink {
  owner: string
  owned: string
  share: number | null
}

export const MAX_EXACT_LOOP_SIZE = 400
export const ITERATION_TOLERANCE = 1e-13
export const MAX_ITERATIONS = 100_000

/** Pivots and solution entries this close to 0 count as 0. */
const EPSILON = 1e-12

/**
 * Computes every holder's effective share in `target`. A link with an unknown share adds
 * nothing, so a share reached through one is a lower bound. Links held by the target itself
 * are ignored: the target's own stake in its owners does not make it own more of itself.
 * Throws MLN_NOT_CONVERGED when a loop's shares do not give a finite, non-negative solution.
 */
export function effectiveShares(target: string, links: readonly ShareLink[]): Map<string, number> {
  const holdings = new Map<string, ShareLink[]>()
  for (const link of links) {
    if (link.owner === target || link.share === null) {
      continue
    }
    const list = holdings.get(link.owner) ?? []
    list.push(link)
    holdings.set(link.owner, list)
  }

  const shares = new Map<string, number>([[target, 1]])
  const holders = [...holdings.keys()]
  const successors = (node: string) =>
    (holdings.get(node) ?? []).map((link) => link.owned).filter((owned) => owned !== target)

  for (const component of stronglyConnectedComponents(holders, successors)) {
    solveComponent(component, holdings, shares)
  }
  return shares
}

/** A holding between two members of one component, by their positions in it. */
interface Entry {
  row: number
  column: number
  share: number
}

function solveComponent(component: string[], holdings: Map<string, ShareLink[]>, shares: Map<string, number>): void {
  const index = new Map(component.map((node, position) => [node, position]))
  // M is the holdings within the component. b is what each member owns of the holders
  // solved before it, weighted by their effective shares.
  const within: Entry[] = []
  const outside = new Float64Array(component.length)
  for (const [row, node] of component.entries()) {
    for (const link of holdings.get(node) ?? []) {
      const column = index.get(link.owned)
      const share = link.share ?? 0
      if (column === undefined) {
        outside[row] = (outside[row] ?? 0) + share * (shares.get(link.owned) ?? 0)
      } else {
        within.push({ row, column, share })
      }
    }
  }

  const solution =
    component.length <= MAX_EXACT_LOOP_SIZE
      ? solveExactly(component, within, outside)
      : solveByIteration(component, within, outside)
  for (const [row, node] of component.entries()) {
    const value = solution[row] ?? 0
    // A negative solution means the series diverges: shares round the loop exceed 100%.
    if (value < -EPSILON || !Number.isFinite(value)) {
      throw loopError(component)
    }
    shares.set(node, Math.max(value, 0))
  }
}

/** Solves (I - M) x = b by Gaussian elimination with partial pivoting. */
function solveExactly(component: string[], within: Entry[], outside: Float64Array): Float64Array {
  const size = component.length
  const a = new Float64Array(size * size)
  for (let i = 0; i < size; i += 1) {
    a[i * size + i] = 1
  }
  for (const { row, column, share } of within) {
    a[row * size + column] = (a[row * size + column] ?? 0) - share
  }
  const b = Float64Array.from(outside)

  for (let column = 0; column < size; column += 1) {
    let pivot = column
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs(a[row * size + column] ?? 0) > Math.abs(a[pivot * size + column] ?? 0)) {
        pivot = row
      }
    }
    if (Math.abs(a[pivot * size + column] ?? 0) < EPSILON) {
      // Shares that multiply to 1 round a loop: the series never converges.
      throw loopError(component)
    }
    if (pivot !== column) {
      swapRows(a, b, size, pivot, column)
    }
    const diagonal = a[column * size + column] ?? 1
    for (let row = column + 1; row < size; row += 1) {
      const factor = (a[row * size + column] ?? 0) / diagonal
      if (factor === 0) {
        continue
      }
      for (let k = column; k < size; k += 1) {
        a[row * size + k] = (a[row * size + k] ?? 0) - factor * (a[column * size + k] ?? 0)
      }
      b[row] = (b[row] ?? 0) - factor * (b[column] ?? 0)
    }
  }

  const x = new Float64Array(size)
  for (let row = size - 1; row >= 0; row -= 1) {
    let sum = b[row] ?? 0
    for (let k = row + 1; k < size; k += 1) {
      sum -= (a[row * size + k] ?? 0) * (x[k] ?? 0)
    }
    x[row] = sum / (a[row * size + row] ?? 1)
  }
  return x
}

function swapRows(a: Float64Array, b: Float64Array, size: number, first: number, second: number): void {
  for (let k = 0; k < size; k += 1) {
    const held = a[first * size + k] ?? 0
    a[first * size + k] = a[second * size + k] ?? 0
    a[second * size + k] = held
  }
  const held = b[first] ?? 0
  b[first] = b[second] ?? 0
  b[second] = held
}

/** Iterates x ← b + M x from x = b; the walks of length k are counted after k steps. */
function solveByIteration(component: string[], within: Entry[], outside: Float64Array): Float64Array {
  let x = Float64Array.from(outside)
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const next = Float64Array.from(outside)
    for (const { row, column, share } of within) {
      next[row] = (next[row] ?? 0) + share * (x[column] ?? 0)
    }
    let change = 0
    for (let row = 0; row < next.length; row += 1) {
      change = Math.max(change, Math.abs((next[row] ?? 0) - (x[row] ?? 0)))
    }
    x = next
    if (change <= ITERATION_TOLERANCE) {
      return x
    }
    if (!Number.isFinite(change)) {
      break
    }
  }
  throw loopError(component)
}

function loopError(component: string[]): AppError {
  const named = component.slice(0, 5).map((id) => `"${id}"`).join(', ')
  const more = component.length > 5 ? ` and ${component.length - 5} more` : ''
  return new AppError(
    'MLN_NOT_CONVERGED',
    `Ownership loop through ${named}${more} has no finite effective share: the shares held round the loop ` +
      'multiply to 1 or more. Check the share values of these holdings.',
  )
}

/**
 * Tarjan's strongly connected components, without recursion so a long chain cannot overflow
 * the stack. A component is listed after every component it reaches, so owned companies
 * come before their owners.
 */
export function stronglyConnectedComponents(nodes: readonly string[], successors: (node: string) => string[]): string[][] {
  const order = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0

  for (const root of nodes) {
    if (order.has(root)) {
      continue
    }
    const frames: { node: string; next: string[]; position: number }[] = []
    const visit = (node: string) => {
      order.set(node, counter)
      lowLink.set(node, counter)
      counter += 1
      stack.push(node)
      onStack.add(node)
      frames.push({ node, next: successors(node), position: 0 })
    }
    visit(root)

    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number]
      if (frame.position < frame.next.length) {
        const successor = frame.next[frame.position] as string
        frame.position += 1
        if (!order.has(successor)) {
          visit(successor)
        } else if (onStack.has(successor)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node) ?? 0, order.get(successor) ?? 0))
        }
        continue
      }

      frames.pop()
      const parent = frames[frames.length - 1]
      if (parent !== undefined) {
        lowLink.set(parent.node, Math.min(lowLink.get(parent.node) ?? 0, lowLink.get(frame.node) ?? 0))
      }
      if (lowLink.get(frame.node) === order.get(frame.node)) {
        const component: string[] = []
        let member: string | undefined
        do {
          member = stack.pop() as string
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        components.push(component)
      }
    }
  }
  return components
}
