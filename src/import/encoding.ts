/**
 * Turns the bytes of an uploaded file into text. A declared encoding wins. Without one, a
 * byte-order mark names the encoding (UTF-8, UTF-16LE, UTF-16BE). Bytes that are valid UTF-8
 * are read as UTF-8. Other bytes are read in windows-1251 or KOI8-R, whichever decodes to
 * Cyrillic letters that are more common in Russian, ignoring case. Reading one encoding as
 * the other swaps the cases and maps frequent letters to rare ones (ИВАНОВ to хбюмнб), so
 * the letters tell them apart even in upper-case names, where case cannot. Bytes that
 * decode to no Cyrillic at all are read as windows-1252.
 *
 * Decoding uses Node's TextDecoder, which supports the WHATWG encodings (windows-1251, koi8-r,
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
    const score = letterScore(text)
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
 * Approximate share of each letter in Russian prose, per cent, as commonly tabulated (an
 * estimate: published tables differ in the second digit).
 */
const RUSSIAN_LETTER_SHARES: Readonly<Record<string, number>> = {
  о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, с: 5.47, р: 4.73, в: 4.54, л: 4.4, к: 3.49,
  м: 3.21, д: 2.98, п: 2.81, у: 2.62, я: 2.01, ы: 1.9, ь: 1.74, г: 1.7, з: 1.65, б: 1.59, ч: 1.44,
  й: 1.21, х: 0.97, ж: 0.94, ш: 0.73, ю: 0.64, ц: 0.48, щ: 0.36, э: 0.32, ф: 0.26, ъ: 0.04, ё: 0.04,
}

// NOTE: other Cyrillic letters (Ukrainian і, ї, є, ґ, Belarusian ў and the rest) score as
// rare, so a short Ukrainian name in windows-1251 may be read as KOI8-R.
const OTHER_CYRILLIC_SHARE = 0.01

/**
 * Returns the sum of the log shares of the text's Cyrillic letters, case folded, or null
 * when it has none. A higher score means letters more typical of Russian.
 */
function letterScore(text: string): number | null {
  let score = 0
  let letters = 0
  for (const character of text) {
    if (!/[\u0400-\u04ff]/.test(character)) {
      continue
    }
    const share = RUSSIAN_LETTER_SHARES[character.toLowerCase()] ?? OTHER_CYRILLIC_SHARE
    score += Math.log(share)
    letters += 1
  }
  return letters === 0 ? null : score
}
