import t from 'tap'

import { detectDelimiter, parseCsv } from '../../src/import/csv-parse.js'

t.test('delimiter detection from header', async (t) => {
  const cases = [
    { description: 'comma', text: 'id,type,name\n1,Person,A', expected: ',' },
    { description: 'semicolon', text: 'id;type;name\n1;Person;A', expected: ';' },
    { description: 'tab', text: 'id\ttype\tname\n1\tPerson\tA', expected: '\t' },
    { description: 'semicolon with quoted commas', text: '"a,b,c";d;e\n', expected: ';' },
    { description: 'single column', text: 'id\n1\n', expected: ',' },
  ]
  for (const { description, text, expected } of cases) {
    t.equal(detectDelimiter(text), expected, description)
  }
})

t.test('byte-order mark and CRLF', async (t) => {
  const table = parseCsv('\uFEFFid,name\r\n1,Alice\r\n2,Bob\r\n')
  t.same(table.records[0]?.fields, ['id', 'name'])
  t.same(table.records[2]?.fields, ['2', 'Bob'])
  t.equal(table.records[2]?.line, 3)
  t.equal(table.records.length, 3)
})

t.test('quoted delimiters, quotes and line breaks', async (t) => {
  const text = 'id,note\n1,"Smith, J."\n2,"said ""hello"""\n3,"line one\r\nline two"\n4,last\n'
  const { records } = parseCsv(text)
  t.same(records[1]?.fields, ['1', 'Smith, J.'])
  t.same(records[2]?.fields, ['2', 'said "hello"'])
  t.same(records[3]?.fields, ['3', 'line one\r\nline two'], 'the CRLF inside the field is kept')
  t.equal(records[3]?.line, 4)
  t.equal(records[4]?.line, 6, 'the record after a two-line field starts on line 6')
})

t.test('blank lines skipped but counted', async (t) => {
  const { records } = parseCsv('a,b\n\n1,2\n  \n\n3,4')
  t.equal(records.length, 3)
  t.equal(records[1]?.line, 3)
  t.equal(records[2]?.line, 6)
  t.same(records[2]?.fields, ['3', '4'])
})

t.test('quoted empty field is a record', async (t) => {
  const { records } = parseCsv('a\n""\n')
  t.equal(records.length, 2)
  t.same(records[1]?.fields, [''])
})

t.test('lone quote inside unquoted field kept', async (t) => {
  const { records } = parseCsv('a,b\n5" pipe,x\n')
  t.same(records[1]?.fields, ['5" pipe', 'x'])
  t.equal(records[1]?.problem, undefined)
})

t.test('text after closing quote', async (t) => {
  const { records } = parseCsv('a,b\n"abc"def,x\n2,y\n')
  t.equal(records[1]?.problem?.fieldIndex, 0)
  t.match(records[1]?.problem?.message, /"def" follows the closing quote/)
  t.same(records[2]?.fields, ['2', 'y'])
})

t.test('unterminated quote resumes on next line', async (t) => {
  const { records } = parseCsv('id,name\n1,"Alice\n2,Bob\n3,Carol\n')
  const broken = records[1]
  t.equal(broken?.line, 2)
  t.equal(broken?.problem?.fieldIndex, 1)
  t.equal(broken?.problem?.value, 'Alice')
  t.match(broken?.problem?.message, /opened on line 2 is never closed/)
  t.same(records[2]?.fields, ['2', 'Bob'])
  t.equal(records[2]?.line, 3)
  t.same(records[3]?.fields, ['3', 'Carol'])
  t.equal(records.length, 4)
})

t.test('unterminated quote on last line', async (t) => {
  const { records } = parseCsv('id,name\n1,"Alice')
  t.equal(records.length, 2)
  t.equal(records[1]?.line, 2)
  t.equal(records[1]?.problem?.value, 'Alice')
})

t.test('record lines after CR-only line ends', async (t) => {
  const { records } = parseCsv('a,b\r1,2\r3,4')
  t.equal(records[2]?.line, 3)
  t.same(records[2]?.fields, ['3', '4'])
})

t.test('line breaks in fields kept as written', async (t) => {
  const { records } = parseCsv('id,note\r\n1,"a\r\nb"\r\n2,"c\nd"\r\n3,"e\rf"\r\n')
  t.same(records[1]?.fields, ['1', 'a\r\nb'])
  t.same(records[2]?.fields, ['2', 'c\nd'])
  t.same(records[3]?.fields, ['3', 'e\rf'])
  t.equal(records[3]?.line, 6)
})
