/**
 * A CSV parser after RFC 4180 that keeps, for every record, the physical line on which it
 * starts. A rejected row is then reported at the line number an editor shows, even when a
 * quoted field spans several lines.
 *
 * Accepted beyond the RFC: a UTF-8 byte-order mark, `;` or tab as the delimiter (detected
 * from the header line), LF, CRLF or CR line ends, and a `"` inside an unquoted field, which
 * is kept as a literal character. Empty and whitespace-only lines are skipped.
 *
 * Two faults make a record invalid, and the record comes back with a `problem`: text between
 * a closing quote and the next delimiter, and a quote that is never closed. For the second,
 * the parser gives up the record and starts again on the line after the opening quote, so
 * one stray quote costs one row instead of the rest of the file.
 */

export const CSV_DELIMITERS = [',', ';', '\t'] as const

export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

export interface CsvProblem {
  /** 0-based index of the field at fault. */
  fieldIndex: number
  /** The field's text as far as it was read. */
  value: string
  message: string
}

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number
  fields: string[]
  problem?: CsvProblem
}

export interface CsvTable {
  delimiter: CsvDelimiter
  records: CsvRecord[]
}

const BYTE_ORDER_MARK = '\uFEFF'

/** Parses CSV text into records. The delimiter is detected from the first line unless given. */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text
  const delimiter = options.delimiter ?? detectDelimiter(body)
  const records: CsvRecord[] = []

  let position = 0
  let line = 1
  while (position < body.length) {
    const scan = scanRecord(body, position, line, delimiter)
    position = scan.end
    line = scan.endLine

    const blank = scan.record.fields.length === 1 && scan.record.fields[0]?.trim() === '' && !scan.quoted
    if (!blank || scan.record.problem) {
      records.push(scan.record)
    }
  }

  return { delimiter, records }
}

/**
 * Picks the delimiter that occurs most often, outside quotes, on the first line. Ties go to
 * the earlier of `,` `;` tab, and a line with none of them is read as comma-separated.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((delimiter) => [delimiter, 0]))
  let quoted = false

  for (const character of text) {
    if (character === '"') {
      quoted = !quoted
    } else if (!quoted && (character === '\n' || character === '\r')) {
      break
    } else if (!quoted && counts.has(character as CsvDelimiter)) {
      const delimiter = character as CsvDelimiter
      counts.set(delimiter, (counts.get(delimiter) ?? 0) + 1)
    }
  }

  let best: CsvDelimiter = ','
  for (const delimiter of CSV_DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) {
      best = delimiter
    }
  }
  return best
}

interface RecordScan {
  record: CsvRecord
  /** Position just after the record's line end. */
  end: number
  /** Line number at `end`. */
  endLine: number
  /** Whether any field was quoted, which makes a lone empty field a real record. */
  quoted: boolean
}

function scanRecord(text: string, start: number, line: number, delimiter: CsvDelimiter): RecordScan {
  const fields: string[] = []
  let problem: CsvProblem | undefined
  let position = start
  let currentLine = line
  let quoted = false

  for (;;) {
    let field = ''

    if (text[position] === '"') {
      quoted = true
      const openingQuote = position
      const openingLine = currentLine
      position += 1

      let closed = false
      while (position < text.length) {
        const character = text[position]
        if (character === '"') {
          if (text[position + 1] === '"') {
            field += '"'
            position += 2
            continue
          }
          position += 1
          closed = true
          break
        }
        const lineEnd = lineEndLength(text, position)
        if (lineEnd > 0) {
          // A line break inside a field is kept as the file writes it (CRLF, LF or CR).
          field += text.slice(position, position + lineEnd)
          position += lineEnd
          currentLine += 1
          continue
        }
        field += character
        position += 1
      }

      if (!closed) {
        return giveUpUnterminated(text, line, fields, field, openingQuote, openingLine)
      }

      // Anything between the closing quote and the delimiter makes the record invalid.
      let trailing = ''
      while (position < text.length && text[position] !== delimiter && lineEndLength(text, position) === 0) {
        trailing += text[position]
        position += 1
      }
      if (trailing !== '' && !problem) {
        problem = {
          fieldIndex: fields.length,
          value: field,
          message: `text ${quote(trailing)} follows the closing quote, but a quoted field must end at a delimiter`,
        }
      }
      field += trailing
    } else {
      while (position < text.length && text[position] !== delimiter && lineEndLength(text, position) === 0) {
        field += text[position]
        position += 1
      }
    }

    fields.push(field)

    if (position >= text.length) {
      return { record: withProblem({ line, fields }, problem), end: position, endLine: currentLine, quoted }
    }
    if (text[position] === delimiter) {
      position += 1
      continue
    }
    position += lineEndLength(text, position)
    return { record: withProblem({ line, fields }, problem), end: position, endLine: currentLine + 1, quoted }
  }
}

/** Rejects a record whose quote never closes and resumes on the line after the opening quote. */
function giveUpUnterminated(
  text: string,
  line: number,
  fields: string[],
  field: string,
  openingQuote: number,
  openingLine: number,
): RecordScan {
  let resume = openingQuote
  while (resume < text.length && lineEndLength(text, resume) === 0) {
    resume += 1
  }
  const atEndOfFile = resume >= text.length
  resume += lineEndLength(text, resume)

  const firstLine = field.split(/\r\n|\n|\r/, 1)[0] ?? ''
  const record: CsvRecord = {
    line,
    fields: [...fields, field],
    problem: {
      fieldIndex: fields.length,
      value: firstLine,
      message: `the quoted field opened on line ${openingLine} is never closed`,
    },
  }
  return { record, end: resume, endLine: atEndOfFile ? openingLine : openingLine + 1, quoted: true }
}

function withProblem(record: CsvRecord, problem: CsvProblem | undefined): CsvRecord {
  return problem ? { ...record, problem } : record
}

/** Returns the length of the line end at `position`: 2 for CRLF, 1 for LF or CR, else 0. */
function lineEndLength(text: string, position: number): number {
  const character = text[position]
  if (character === '\n') {
    return 1
  }
  if (character === '\r') {
    return text[position + 1] === '\n' ? 2 : 1
  }
  return 0
}

/** Quotes a value for a message, cut to 60 characters. */
function quote(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value
  return JSON.stringify(cut)
}
