/**
 * CSV files as real exports write them: byte-order marks, delimiters, quoted line breaks,
 * locale numbers, legacy encodings, declared date formats and E notation. Each case checks
 * the exact value read or the exact row error.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import t from 'tap'

import { decodeBytes } from '../../src/import/encoding.js'
import { readCsv } from '../../src/import/readers/csv.js'
import { readText } from '../../src/import/readers/index.js'
import { parseColumnMapping } from '../../src/import/readers/mapped-csv.js'
import { IsoDate } from '../../src/model/records.js'

const IVANKOV = 'Вячеслав Иваньков'

/** Encodes text in a single-byte encoding by inverting TextDecoder's table for it. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding)
  const table = new Map<string, number>()
  for (let byte = 0; byte < 256; byte += 1) {
    table.set(decoder.decode(new Uint8Array([byte])), byte)
  }
  return Uint8Array.from([...text].map((character) => {
    const byte = table.get(character)
    if (byte === undefined) throw new Error(`${character} has no byte in ${encoding}`)
    return byte
  }))
}

function utf16be(text: string): Uint8Array {
  const little = Buffer.from(text, 'utf16le')
  for (let index = 0; index < little.length; index += 2) {
    const low = little[index] ?? 0
    little[index] = little[index + 1] ?? 0
    little[index + 1] = low
  }
  return little
}

t.test('byte-order mark before the header', async (t) => {
  const bytes = Buffer.from('\uFEFFid,type,name\np1,Person,Ann\n', 'utf8')
  const decoded = decodeBytes(bytes)
  t.equal(decoded.encoding, 'utf-8')
  t.equal(decoded.how, 'byte-order mark')
  const result = readCsv(decoded.text, { file: 'bom.csv' })
  t.equal(result.rejected.length, 0, 'header recognised despite the mark')
  t.equal(result.nodes[0]?.id, 'p1')
})

t.test('delimiters detected or declared', async (t) => {
  const semicolon = readCsv('id;type;name;note\np1;Person;Ann;a, b\n', { file: 'semicolon.csv' })
  t.equal(semicolon.nodes[0]?.properties.note, 'a, b', 'semicolon file keeps commas in cells')

  const tab = readCsv('id\ttype\tname\tnote\np1\tPerson\tAnn\tx;y\n', { file: 'tab.csv' })
  t.equal(tab.nodes[0]?.properties.note, 'x;y', 'tab file keeps semicolons in cells')

  // An unquoted header with as many commas as semicolons is read as comma-separated.
  const text = 'id;type;name;total, EUR, net, of VAT\np1;Person;Ann;x\n'
  const detected = readCsv(text, { file: 'declared.csv' })
  t.equal(detected.nodes.length, 0, 'detection picks the comma and fails the header')
  t.match(detected.rejected[0]?.reason, /^Unrecognised header/)
  const declared = readCsv(text, { file: 'declared.csv', csv: { delimiter: ';' } })
  t.equal(declared.nodes[0]?.properties['total, EUR, net, of VAT'], 'x', 'declared semicolon reads the row')
})

t.test('quoted fields with delimiters and line breaks', async (t) => {
  const text = 'id,type,name,note\r\np1,Person,"Ivankov, Vyacheslav","line one\r\nline ""two"""\r\np2,Person,Bob,broken "quote\r\np3,Person,"Unclosed\r\n'
  const result = readCsv(text, { file: 'quoted.csv' })
  t.equal(result.nodes[0]?.name, 'Ivankov, Vyacheslav', 'embedded comma')
  t.equal(result.nodes[0]?.properties.note, 'line one\r\nline "two"', 'embedded line break and doubled quotes')
  t.equal(result.nodes[1]?.line, 4, 'the next row starts on physical line 4')
  t.equal(result.nodes[1]?.properties.note, 'broken "quote', 'a quote inside an unquoted field is kept')
  t.equal(result.rejected.length, 1)
  t.equal(result.rejected[0]?.line, 5)
  t.equal(
    result.rejected[0]?.reason,
    'Invalid CSV in column "name" at value "Unclosed": the quoted field opened on line 5 is never closed.',
  )
})

t.test('numbers in a declared locale', async (t) => {
  const header = 'id,type,name,weight,amount,currency'
  const german = readCsv(`${header.replaceAll(',', ';')}\np1;Person;Ann;1,5;1.234.567,89;EUR\np2;Person;Bob;1,5E+06;0,1;EUR\n`, {
    file: 'de.csv',
    csv: { locale: 'de' },
  })
  t.equal(german.rejected.length, 0)
  t.equal(german.nodes[0]?.properties.weight, 1.5, 'decimal comma')
  t.equal(german.nodes[0]?.properties.amount, '1234567.89', 'thousands dots and decimal comma')
  t.equal(german.nodes[0]?.properties.amountMinor, 123456789n, 'exact minor units')
  t.equal(german.nodes[1]?.properties.weight, 1_500_000, 'E notation with a decimal comma')

  const french = readCsv(`${header.replaceAll(',', ';')}\np1;Person;Ann;1\u202f234,5;12\u202f345,67;EUR\n`, { file: 'fr.csv', csv: { locale: 'fr' } })
  t.equal(french.nodes[0]?.properties.weight, 1234.5, 'narrow no-break space between groups')
  t.equal(french.nodes[0]?.properties.amount, '12345.67')

  const russian = readCsv(`${header.replaceAll(',', ';')}\np1;Person;Ann;2\u00a0000;1 000 000,5;RUB\n`, { file: 'ru.csv', csv: { locale: 'ru' } })
  t.equal(russian.nodes[0]?.properties.weight, 2000, 'no-break space between groups')
  t.equal(russian.nodes[0]?.properties.amount, '1000000.50', 'spaces between groups')

  const wrong = readCsv(`${header.replaceAll(',', ';')}\np1;Person;Ann;1.23,4;;\n`, { file: 'de-bad.csv', csv: { locale: 'de' } })
  t.equal(wrong.rejected[0]?.line, 2)
  t.equal(
    wrong.rejected[0]?.reason,
    'Invalid number "1.23,4" in column "weight" for locale de. Expected "," as the decimal separator and "." ' +
      'between groups of three digits, such as 1.234,56.',
  )

  const undeclared = readCsv(`${header}\np1,Person,Ann,,"1.234,50",EUR\n`, { file: 'none.csv' })
  t.match(undeclared.rejected[0]?.reason, /^Invalid amount "1\.234,50": expected a decimal number with a point/, 'no locale, no guess')
})

t.test('E notation amounts', async (t) => {
  const result = readCsv('id,type,name,weight,amount,currency\np1,Person,Ann,2.5e-3,1.5E+06,USD\np2,Person,Bob,,5.689852347E7,USD\n', { file: 'e.csv' })
  t.equal(result.rejected.length, 0)
  t.equal(result.nodes[0]?.properties.weight, 0.0025)
  t.equal(result.nodes[0]?.properties.amount, '1500000.00')
  t.equal(result.nodes[1]?.properties.amount, '56898523.47')
  t.equal(result.nodes[1]?.properties.amountMinor, 5689852347n)
})

t.test('legacy and UTF-16 encodings', async (t) => {
  const text = `id,type,name\np1,Person,${IVANKOV}\n`
  const cases: { description: string; bytes: Uint8Array; declared?: string; encoding: string; how: string }[] = [
    { description: 'windows-1251 detected', bytes: encodeSingleByte(text, 'windows-1251'), encoding: 'windows-1251', how: 'detected' },
    { description: 'koi8-r detected', bytes: encodeSingleByte(text, 'koi8-r'), encoding: 'koi8-r', how: 'detected' },
    { description: 'ibm866 declared', bytes: encodeSingleByte(text, 'ibm866'), declared: 'cp866', encoding: 'ibm866', how: 'declared' },
    { description: 'utf-16le with a mark', bytes: Buffer.from(`\uFEFF${text}`, 'utf16le'), encoding: 'utf-16le', how: 'byte-order mark' },
    { description: 'utf-16be with a mark', bytes: utf16be(`\uFEFF${text}`), encoding: 'utf-16be', how: 'byte-order mark' },
    { description: 'utf-8 without a mark', bytes: Buffer.from(text, 'utf8'), encoding: 'utf-8', how: 'detected' },
  ]
  for (const item of cases) {
    const decoded = decodeBytes(item.bytes, item.declared)
    t.equal(decoded.encoding, item.encoding, `${item.description}: encoding`)
    t.equal(decoded.how, item.how, `${item.description}: how`)
    t.equal(readCsv(decoded.text, { file: 'cyrillic.csv' }).nodes[0]?.name, IVANKOV, `${item.description}: name`)
  }
  t.throws(() => decodeBytes(Buffer.from(text), 'klingon'), /Unknown encoding "klingon"/, 'unknown encoding label')
})

t.test('dates in declared formats', async (t) => {
  const text = (date: string): string => `id,type,name,born:date\np1,Person,Ann,${date}\n`
  const read = (date: string, dateFormat?: 'DD.MM.YYYY' | 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'excel') =>
    readCsv(text(date), { file: 'dates.csv', csv: { dateFormat } })

  t.same(read('31.12.2011', 'DD.MM.YYYY').nodes[0]?.properties.born, new IsoDate('2011-12-31'), 'DD.MM.YYYY')
  t.same(read('12/31/2011', 'MM/DD/YYYY').nodes[0]?.properties.born, new IsoDate('2011-12-31'), 'MM/DD/YYYY')
  t.same(read('03/04/2011', 'DD/MM/YYYY').nodes[0]?.properties.born, new IsoDate('2011-04-03'), 'DD/MM/YYYY')
  t.same(read('40908', 'excel').nodes[0]?.properties.born, new IsoDate('2011-12-31'), 'Excel serial')
  t.same(read('1', 'excel').nodes[0]?.properties.born, new IsoDate('1900-01-01'), 'Excel serial 1')
  t.same(read('2011-12-31').nodes[0]?.properties.born, new IsoDate('2011-12-31'), 'ISO needs no declaration')

  t.equal(
    read('03/04/2011').rejected[0]?.reason,
    'Ambiguous date "03/04/2011" in column "born:date": no date format is declared, and day and month cannot be told apart. ' +
      'Declare the format, one of YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY, DD-MM-YYYY, YYYY/MM/DD, excel.',
  )
  t.match(read('31.12.2011').rejected[0]?.reason, /^Ambiguous date "31\.12\.2011"/, 'even an unambiguous day is not guessed')
  t.equal(
    read('31/12/2011', 'MM/DD/YYYY').rejected[0]?.reason,
    'Invalid date "31/12/2011" in column "born:date": no such day in the calendar (read as MM/DD/YYYY).',
  )
  t.equal(
    read('2011-12-31', 'DD.MM.YYYY').rejected[0]?.reason,
    'Invalid date "2011-12-31" in column "born:date". Expected a calendar date as DD.MM.YYYY.',
  )
  t.match(read('60', 'excel').rejected[0]?.reason, /Excel's day 60 is 1900-02-29, which never was/)
})

const DATA_DIR = process.env.MILLENNIUM_DATA_DIR ?? path.resolve(import.meta.dirname, '../../../shared/data')
const DONATIONS = path.join(DATA_DIR, 'ftm-donations', 'donations.csv')

t.test('donations with a declared mapping', { skip: existsSync(DONATIONS) ? false : `${DONATIONS} is missing` }, async (t) => {
  const mapping = parseColumnMapping(readFileSync(path.join(import.meta.dirname, 'fixtures', 'donations-mapping.json'), 'utf8'))
  const result = readText('donations.csv', readFileSync(DONATIONS, 'utf8'), { mapping })

  t.equal(result.relationships.length, 290, 'one transfer per distinct donation, as the FtM payments')
  t.equal(result.rejected.length, 2, 'the two duplicate rows')
  t.same(
    result.rejected.map((row) => [row.line, row.reason]),
    [
      [
        159,
        'Duplicate TRANSFER: line 159 has the same "Party", "Donor", "DonationDate", "DonationEUR" as line 149 ' +
          '("AGFG, Dr. Rath Education Services B.V., 2007-02-08, 60000").',
      ],
      [231, 'Duplicate row: line 231 repeats line 230 cell for cell.'],
    ],
  )
  const fdp = result.nodes.find((node) => node.id === 'party:FDP')
  t.equal(fdp?.name, 'FDP', 'trailing spaces trimmed')
  t.equal(fdp?.label, 'Group')
  const first = result.relationships[0]
  t.equal(first?.properties.amount, '100000.00')
  t.equal(first?.properties.currency, 'EUR')
  t.same(first?.properties.date, new IsoDate('2011-12-29'))
  const companies = result.nodes.filter((node) => node.label === 'Company').length
  const people = result.nodes.filter((node) => node.label === 'Person').length
  t.equal(companies + people + result.nodes.filter((node) => node.label === 'Group').length, result.nodes.length)
})

t.test('column mapping errors', async (t) => {
  t.throws(() => parseColumnMapping('{"nodes": []}'), /Invalid column mapping at "nodes"/)
  t.throws(
    () => parseColumnMapping('{"nodes": [{"ref": "a", "label": "Person", "key": ["A"], "name": "A"}], "relationships": [{"type": "OWNS", "source": "a", "target": "b"}]}'),
    /relationship OWNS names the node "b", but the nodes are a/,
  )
  const mapping = parseColumnMapping('{"nodes": [{"ref": "a", "label": "Pirate", "key": ["A"], "name": "A"}]}'.replace('Pirate', 'Person'))
  const missing = readText('m.csv', 'B,C\n1,2\n', { mapping })
  t.equal(missing.rejected[0]?.reason, 'The mapping reads the columns "A", which the header "B,C" lacks.')
})

t.test('upper-case Cyrillic encodings detected', async (t) => {
  const cases: { text: string; encoding: string }[] = [
    { text: 'id,type,name\np1,Person,ИВАНОВ ИВАН\n', encoding: 'windows-1251' },
    { text: 'id,type,name\np1,Person,ИВАНОВ ИВАН\n', encoding: 'koi8-r' },
    { text: 'id,type,name\np1,Person,ЁЛКИН\n', encoding: 'koi8-r' },
    { text: 'id,type,name\np1,Person,ЁЛКИН\n', encoding: 'windows-1251' },
    { text: 'id,type,name\np1,Person,ПЕТРОВ СЕРГЕЙ\n', encoding: 'windows-1251' },
    { text: 'id,type,name\np1,Person,Петров Сергей\n', encoding: 'koi8-r' },
  ]
  for (const item of cases) {
    const decoded = decodeBytes(encodeSingleByte(item.text, item.encoding))
    t.equal(decoded.encoding, item.encoding, `${item.text.split(',').pop()?.trim()} in ${item.encoding}`)
    t.equal(decoded.text, item.text)
  }
})
