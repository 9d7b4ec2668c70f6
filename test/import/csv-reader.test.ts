import t from 'tap'

import { IsoDate, IsoDateTime } from '../../src/model/records.js'
import { readCsv } from '../../src/import/readers/csv.js'

const NODE_HEADER = 'id,type,name,born:date,amount,currency'

interface RejectionCase {
  description: string
  text: string
  line: number
  column: string
  /** The quoted value, or "Missing value" for an empty cell. */
  value: string
  /** Rows of the file that must still be read. */
  kept: number
}

// Each file has one bad row among good ones; the reason must name the column and quote the value.
const REJECTIONS: RejectionCase[] = [
  {
    description: 'unknown node type',
    text: `${NODE_HEADER}\np1,Person,Ann,,,\np2,Pirate,Bob,,,\n`,
    line: 3,
    column: '"type"',
    value: '"Pirate"',
    kept: 1,
  },
  {
    description: 'bad date',
    text: `${NODE_HEADER}\np1,Person,Ann,1975-02-28,,\np2,Person,Bob,1975-02-30,,\n`,
    line: 3,
    column: '"born:date"',
    value: '"1975-02-30"',
    kept: 1,
  },
  {
    description: 'bad amount with a decimal comma',
    text: `${NODE_HEADER}\np1,Person,Ann,,"12,50",EUR\np2,Person,Bob,,7.25,EUR\n`,
    line: 2,
    column: '"amount"',
    value: '"12,50"',
    kept: 1,
  },
  {
    description: 'amount with too many decimals',
    text: `${NODE_HEADER}\np1,Person,Ann,,12.345,USD\np2,Person,Bob,,12.34,USD\n`,
    line: 2,
    column: '"amount"',
    value: '"12.345"',
    kept: 1,
  },
  {
    description: 'amount without currency',
    text: `${NODE_HEADER}\np1,Person,Ann,,100,\np2,Person,Bob,,,\n`,
    line: 2,
    column: '"amount"',
    value: '"100"',
    kept: 1,
  },
  {
    description: 'missing id',
    text: `${NODE_HEADER}\np1,Person,Ann,,,\n,Person,Bob,,,\n`,
    line: 3,
    column: '"id"',
    value: 'Missing value',
    kept: 1,
  },
  {
    description: 'missing name',
    text: `${NODE_HEADER}\np1,Person,  ,,,\np2,Person,Bob,,,\n`,
    line: 2,
    column: '"name"',
    value: 'Missing value',
    kept: 1,
  },
  {
    description: 'duplicate id within the file',
    text: `${NODE_HEADER}\np1,Person,Ann,,,\np2,Person,Bob,,,\np1,Person,Ann again,,,\n`,
    line: 4,
    column: '"id"',
    value: '"p1"',
    kept: 2,
  },
  {
    description: 'unterminated quote',
    text: `${NODE_HEADER}\np1,Person,"Ann,,,\np2,Person,Bob,,,\np3,Person,Cy,,,\n`,
    line: 2,
    column: '"name"',
    value: '"Ann,,,"',
    kept: 2,
  },
  {
    description: 'bad date after a quoted line break',
    text: `id,type,name,note,born:date\np1,Person,Ann,"first line\nsecond line",1970-01-01\np2,Person,Bob,,01/02/1970\n`,
    line: 4,
    column: '"born:date"',
    value: '"01/02/1970"',
    kept: 1,
  },
  {
    description: 'bad int',
    text: 'id,type,name,age:int\np1,Person,Ann,41\np2,Person,Bob,4.5\n',
    line: 3,
    column: '"age:int"',
    value: '"4.5"',
    kept: 1,
  },
  {
    description: 'int beyond 64 bits',
    text: 'id,type,name,age:int\np1,Person,Ann,9223372036854775808\np2,Person,Bob,1\n',
    line: 2,
    column: '"age:int"',
    value: '"9223372036854775808"',
    kept: 1,
  },
  {
    description: 'bad boolean',
    text: 'id,type,name,alive:boolean\np1,Person,Ann,yes\np2,Person,Bob,false\n',
    line: 2,
    column: '"alive:boolean"',
    value: '"yes"',
    kept: 1,
  },
  {
    description: 'bad conventional weight',
    text: 'source,target,type,weight\na,b,CALLED,2.5\nb,c,CALLED,heavy\n',
    line: 3,
    column: '"weight"',
    value: '"heavy"',
    kept: 1,
  },
  {
    description: 'datetime without offset',
    text: 'id,type,name,seen:datetime\np1,Person,Ann,2024-03-01T10:00:00\np2,Person,Bob,2024-03-01T10:00:00+01:00\n',
    line: 2,
    column: '"seen:datetime"',
    value: '"2024-03-01T10:00:00"',
    kept: 1,
  },
  {
    description: 'unknown relationship type',
    text: 'source,target,type\na,b,CALLED\nb,c,PHONED\n',
    line: 3,
    column: '"type"',
    value: '"PHONED"',
    kept: 1,
  },
  {
    description: 'duplicate relationship id',
    text: 'id,source,target,type\nr1,a,b,CALLED\nr1,b,c,CALLED\n',
    line: 3,
    column: '"id"',
    value: '"r1"',
    kept: 1,
  },
  {
    description: 'text after a closing quote',
    text: `${NODE_HEADER}\np1,Person,"Ann"x,,,\np2,Person,Bob,,,\n`,
    line: 2,
    column: '"name"',
    value: '"Ann"',
    kept: 1,
  },
]

t.test('csv reader rejections', async (t) => {
  for (const rejection of REJECTIONS) {
    t.test(rejection.description, async (t) => {
      const result = readCsv(rejection.text, { file: 'hostile.csv' })
      const records = result.nodes.length + result.relationships.length
      t.equal(result.rejected.length, 1, 'one row rejected')
      t.equal(result.rejected[0]?.line, rejection.line, 'line number')
      t.equal(result.rejected[0]?.file, 'hostile.csv')
      t.match(result.rejected[0]?.reason, rejection.column, 'reason names the column')
      t.match(result.rejected[0]?.reason, rejection.value, 'reason quotes the value')
      t.equal(records, rejection.kept, 'good rows kept')
    })
  }
})

t.test('byte-order mark with CRLF', async (t) => {
  const result = readCsv('\uFEFFid,type,name\r\np1,Person,Ann\r\np2,Person,Bob\r\n', { file: 'people.csv' })
  t.same(
    result.nodes.map((node) => node.id),
    ['p1', 'p2'],
  )
  t.equal(result.nodes[1]?.name, 'Bob')
  t.same(result.rejected, [])
})

t.test('semicolon file with quoted semicolons', async (t) => {
  const text = 'id;type;name;aliases:string[]\np1;Person;"Ivanov; Ivan";"Vanya | Ivan I."\n'
  const result = readCsv(text, { file: 'people.csv' })
  t.equal(result.nodes[0]?.name, 'Ivanov; Ivan')
  t.same(result.nodes[0]?.properties.aliases, ['Vanya', 'Ivan I.'])
})

t.test('tab file with a bad amount', async (t) => {
  const text = 'source\ttarget\ttype\tamount\tcurrency\na\tb\tTRANSFER\t1,000.00\tUSD\nb\tc\tTRANSFER\t1000.5\tUSD\n'
  const result = readCsv(text, { file: 'flows.tsv' })
  t.equal(result.rejected[0]?.line, 2)
  t.match(result.rejected[0]?.reason, '"1,000.00"')
  t.match(result.rejected[0]?.reason, '"amount"')
  t.equal(result.relationships[0]?.properties.amount, '1000.50')
  t.equal(result.relationships[0]?.properties.amountMinor, 100050n)
  t.equal(result.relationships[0]?.properties.currency, 'USD')
})

t.test('typed columns', async (t) => {
  const header = 'id,type,name,age:int,height:float,alive:boolean,born:date,seen:datetime,tags:string[],price:money,currency'
  const row = 'p1,Person,Ann,9007199254740993,1.75,TRUE,1980-12-31,2024-03-01T10:00:00Z,a|b|,1.5E3,JPY'
  const result = readCsv(`${header}\n${row}\n`, { file: 'people.csv' })
  const properties = result.nodes[0]?.properties ?? {}
  t.equal(properties.age, 9007199254740993n)
  t.equal(properties.height, 1.75)
  t.equal(properties.alive, true)
  t.same(properties.born, new IsoDate('1980-12-31'))
  t.ok(properties.born instanceof IsoDate)
  t.same(properties.seen, new IsoDateTime('2024-03-01T10:00:00Z'))
  t.same(properties.tags, ['a', 'b'])
  t.equal(properties.price, '1500')
  t.equal(properties.priceMinor, 1500n)
  t.equal(properties.currency, 'JPY')
})

t.test('conventional columns', async (t) => {
  const text = 'source,target,type,weight,share,count,amount,currency,note\na,b,OWNS,2,0.25,3,99.9,EUR,12\n'
  const properties = readCsv(text, { file: 'links.csv' }).relationships[0]?.properties ?? {}
  t.equal(properties.weight, 2)
  t.equal(properties.share, 0.25)
  t.equal(properties.count, 3)
  t.equal(properties.amount, '99.90')
  t.equal(properties.amountMinor, 9990n)
  t.equal(properties.note, '12', 'an untyped column stays a string')
})

t.test('empty cells are absent', async (t) => {
  const result = readCsv('id,type,name,nickname,age:int\np1,Person,Ann,,\n', { file: 'people.csv' })
  t.same(result.nodes[0]?.properties, {})
})

t.test('provenance columns', async (t) => {
  const nodes = readCsv('id,type,name,source,ownerNcb,restrictedTo\np1,Person,Ann,case-17,FR,DE|IT\np2,Person,Bob,,,\n', {
    file: 'data/people.csv',
  }).nodes
  t.same(nodes[0]?.provenance, { source: 'case-17', ownerNcb: 'FR', restrictedTo: ['DE', 'IT'] })
  t.same(nodes[0]?.properties, {})
  t.same(nodes[1]?.provenance, { source: 'people', ownerNcb: null, restrictedTo: [] })

  const relationships = readCsv('source,target,type,dataSource\np1,p2,MET,case-17\n', { file: 'links.csv' }).relationships
  t.equal(relationships[0]?.provenance.source, 'case-17')
  t.equal(relationships[0]?.source, 'p1')
})

t.test('derived relationship ids', async (t) => {
  const text = 'source,target,type\na,b,CALLED\na,b,CALLED\nb,a,CALLED\na,b,MET\na,b,CALLED\n'
  const result = readCsv(text, { file: 'calls.csv' })
  t.same(
    result.relationships.map((relationship) => relationship.id),
    ['a-CALLED->b', 'a-CALLED->b#2', 'b-CALLED->a', 'a-MET->b', 'a-CALLED->b#3'],
  )
})

t.test('explicit and derived ids together', async (t) => {
  const text = 'id,source,target,type\n,a,b,CALLED\na-CALLED->b#2,x,y,MET\n,a,b,CALLED\n'
  const result = readCsv(text, { file: 'calls.csv' })
  t.same(
    result.relationships.map((relationship) => relationship.id),
    ['a-CALLED->b', 'a-CALLED->b#2', 'a-CALLED->b#3'],
  )
})

t.test('explicit id repeating a derived id', async (t) => {
  const result = readCsv('id,source,target,type\n,a,b,CALLED\na-CALLED->b,x,y,MET\n', { file: 'calls.csv' })
  t.equal(result.relationships.length, 1)
  t.equal(result.rejected[0]?.line, 3)
  t.match(result.rejected[0]?.reason, 'line 2 has the same id')
})

t.test('reading twice gives the same ids', async (t) => {
  const text = 'source,target,type,weight\na,b,CALLED,1\na,b,CALLED,2\nc,d,MET,1\n'
  const first = readCsv(text, { file: 'calls.csv' })
  const second = readCsv(text, { file: 'calls.csv' })
  t.same(
    second.relationships.map((relationship) => relationship.id),
    first.relationships.map((relationship) => relationship.id),
  )
  t.same(second, first)
})

t.test('row with an unquoted delimiter', async (t) => {
  const result = readCsv('id,type,name\np1,Person,Smith, John\np2,Person,Bob\n', { file: 'people.csv' })
  t.equal(result.rejected[0]?.line, 2)
  t.match(result.rejected[0]?.reason, '4 fields but the header has 3 columns')
  t.equal(result.nodes[0]?.id, 'p2')
})

t.test('header problems reject the file', async (t) => {
  const cases = [
    { description: 'unknown column type', text: 'id,type,name,weight:decimal\np1,Person,Ann,1\n', expected: /"decimal".*"weight:decimal"/ },
    { description: 'unrecognised header', text: 'key,label\np1,Person\n', expected: /Unrecognised header "key,label"/ },
    { description: 'typed reserved column', text: 'id:int,type,name\n1,Person,Ann\n', expected: /"id:int" cannot take a type/ },
    { description: 'duplicate column', text: 'id,type,name,age,age:int\np1,Person,Ann,1,1\n', expected: /"age" and "age:int" both write "age"/ },
    { description: 'empty column name', text: 'id,type,name,\np1,Person,Ann,\n', expected: /Column 4 of the header has no name/ },
  ]
  for (const { description, text, expected } of cases) {
    const result = readCsv(text, { file: 'bad.csv' })
    t.equal(result.nodes.length, 0, `${description}: no nodes`)
    t.equal(result.rejected[0]?.line, 1, `${description}: line`)
    t.match(result.rejected[0]?.reason, expected, `${description}: reason`)
  }
})

t.test('untyped date-named columns are dates', async (t) => {
  const edges = [
    'id,source,target,type,amount,currency,date,dataSource',
    't:e1,t:a,t:b,TRANSFER,100,EUR,03/04/2011,r7t',
    't:e2,t:a,t:b,TRANSFER,100,EUR,2011-02-30,r7t',
    't:e3,t:a,t:b,TRANSFER,100,EUR,2011-04-03,r7t',
  ].join('\n')
  const result = readCsv(edges, { file: 'edges.csv' })
  t.same(result.relationships.map((relationship) => relationship.id), ['t:e3'])
  t.same(result.relationships[0]?.properties.date, new IsoDate('2011-04-03'))
  t.same(result.rejected.map((rejection) => rejection.line), [2, 3])
  t.match(result.rejected[0]?.reason, /Ambiguous date "03\/04\/2011" in column "date".*Declare the format/)
  t.match(result.rejected[1]?.reason, /Invalid date "2011-02-30" in column "date"/)

  const declared = readCsv(edges, { file: 'edges.csv', csv: { dateFormat: 'DD/MM/YYYY' } })
  t.same(declared.relationships[0]?.properties.date, new IsoDate('2011-04-03'), '03/04/2011 read as DD/MM/YYYY')
  t.equal(declared.rejected.length, 2, '2011-02-30 and the ISO date do not match DD/MM/YYYY')

  const people = readCsv(
    'id,type,name,birthDate,since,note\np1,Person,Ann,1970-01-31,2001-05-06,1970-01-31\n',
    { file: 'people.csv' },
  )
  const ann = people.nodes[0]?.properties
  t.same(ann?.birthDate, new IsoDate('1970-01-31'))
  t.same(ann?.since, new IsoDate('2001-05-06'))
  t.equal(ann?.note, '1970-01-31', 'a column with another name stays text')
})

t.test('row errors name the row id', async (t) => {
  const nodes = readCsv('id,type,name,birthDate\np1,Person,Ann,1970\np2,Pirate,Bob,\n', { file: 'people.csv' })
  t.same(nodes.rejected, [
    { file: 'people.csv', line: 2, id: 'p1', reason: 'Invalid date "1970" in column "birthDate". Expected a calendar date as YYYY-MM-DD.' },
    {
      file: 'people.csv',
      line: 3,
      id: 'p2',
      reason: 'Unknown node type "Pirate" in column "type". Expected one of Person, Group, Company, Fund, Account, Asset, Notice, Location.',
    },
  ])
  const edges = readCsv('id,source,target,type\ne1,a,b,FLIES\n', { file: 'edges.csv' })
  t.equal(edges.rejected[0]?.id, 'e1')
})
