/**
 * Line numbers for JSON input, which JSON.parse does not report: where a syntax error sits and
 * where each element of the graph's `nodes` and `edges` arrays starts.
 */

/** Finds the line of a JSON.parse error from the position or line its message gives. */
export function jsonErrorLine(text: string, message: string): number {
  const line = /\bline (\d+)/.exec(message)
  if (line) {
    return Number(line[1])
  }
  const position = /\bposition (\d+)/.exec(message)
  if (position) {
    return lineAt(text, Number(position[1]))
  }
  return 1
}

function lineAt(text: string, position: number): number {
  let line = 1
  for (let index = 0; index < position && index < text.length; index += 1) {
    if (text[index] === '\n') {
      line += 1
    }
  }
  return line
}

/**
 * Finds the 1-based line on which each element of the top-level `nodes` and `edges` arrays
 * starts, by scanning the text that JSON.parse has already accepted.
 */
export function elementLines(text: string): { nodes: number[]; edges: number[] } {
  const found: { nodes: number[]; edges: number[] } = { nodes: [], edges: [] }
  let line = 1
  let depth = 0
  let lastString = ''
  let key = ''
  let array: 'nodes' | 'edges' | null = null
  let awaitingElement = false

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]
    if (character === '\n') {
      line += 1
      continue
    }
    if (character === '"') {
      const end = stringEnd(text, index)
      if (depth === 1) {
        lastString = text.slice(index + 1, end)
      }
      if (array && depth === 2 && awaitingElement) {
        found[array].push(line)
        awaitingElement = false
      }
      index = end
      continue
    }
    if (character === ' ' || character === '\t' || character === '\r') {
      continue
    }

    if (array && depth === 2 && awaitingElement && character !== ']') {
      found[array].push(line)
      awaitingElement = false
    }
    if (character === ':' && depth === 1) {
      key = lastString
    } else if (character === ',' && depth === 2 && array) {
      awaitingElement = true
    } else if (character === '{' || character === '[') {
      if (character === '[' && depth === 1 && (key === 'nodes' || key === 'edges')) {
        array = key
        awaitingElement = true
      }
      depth += 1
    } else if (character === '}' || character === ']') {
      depth -= 1
      if (depth === 1) {
        array = null
      }
    }
  }
  return found
}

/** Returns the index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1
  while (index < text.length && text[index] !== '"') {
    index += text[index] === '\\' ? 2 : 1
  }
  return index
}
