/**
 * Turns the bytes of an uploaded file into text. A declared encoding wins. Without one, a
 * byte-order mark names the encoding (UTF-8, UTF-16LE, UTF-16BE). Bytes that are valid UTF-8
 * are read as UTF-8. Other bytes are read in windows-1251 or KOI8-R, whichever decodes to
 * more lower-case than upper-case Cyrillic letters. Running text is mostly lower case, and
 * windows-1251 read as KOI8-R (or the reverse) swaps the cases. Bytes that decode to no
 * Cyrillic at all are read as windows-1252.
 *
 * Decoding uses Node's TextDecoder, which knows the WHATWG encodings (windows-1251, koi8-r,
 * ibm866, iso-8859-5, utf-16le and the rest) when Node is built with full ICU, as the
 * official builds are.
 */

export class EncodingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EncodingError'
  }
}

export interface DecodedText {
  text: string
  /** The WHATWG name of the encoding used, such as "utf-8" or "windows-1251". */
  encoding: string
  /** The source of the choice: a declaration, a byte-order mark or detection. */
  how: 'declared' | 'byte-order mark' | 'detected'
}

/** Encodings tried, in this order, when bytes are not UTF-8 and carry no byte-order mark. */
const CYRILLIC_CANDIDATES = ['windows-1251', 'koi8-r'] as const

/** Returns the canonical name of an encoding label, or throws an EncodingError for an unknown one. */
export function encodingName(label: string): string {
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    throw new EncodingError(
      `Unknown encoding "${label}". Expected a WHATWG encoding label such as utf-8, utf-16le, windows-1251 or koi8-r.`,
    )
  }
}

/** Decodes bytes as described in the file header. The byte-order mark is dropped from the text. */
export function decodeBytes(bytes: Uint8Array, declared?: string): DecodedText {
  if (declared !== undefined) {
    const encoding = encodingName(declared)
    return { text: stripMark(new TextDecoder(encoding).decode(bytes)), encoding, how: 'declared' }
  }

  const marked = encodingFromMark(bytes)
  if (marked !== null) {
    return { text: stripMark(new TextDecoder(marked).decode(bytes)), encoding: marked, how: 'byte-order mark' }
  }

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', how: 'detected' }
  } catch {
    // Not UTF-8: fall through to the single-byte encodings.
  }

  let best: { text: string; encoding: string; score: number } | null = null
  for (const encoding of CYRILLIC_CANDIDATES) {
    const text = new TextDecoder(encoding).decode(bytes)
    const score = lowerCaseLead(text)
    if (score !== null && (best === null || score > best.score)) {
      best = { text, encoding, score }
    }
  }
  if (best !== null) {
    return { text: best.text, encoding: best.encoding, how: 'detected' }
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', how: 'detected' }
}

function encodingFromMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return 'utf-8'
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le'
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be'
  }
  return null
}

function stripMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/**
 * Returns how many more lower-case than upper-case Cyrillic letters the text has, or null
 * when it has none at all.
 */
function lowerCaseLead(text: string): number | null {
  let lower = 0
  let upper = 0
  for (const character of text) {
    if (/[\u0430-\u044f\u0451]/.test(character)) {
      lower += 1
    } else if (/[\u0410-\u042f\u0401]/.test(character)) {
      upper += 1
    }
  }
  return lower + upper === 0 ? null : lower - upper
}
