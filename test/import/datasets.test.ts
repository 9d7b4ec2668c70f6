import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import t from 'tap'

import { formatAmount } from '../../src/model/money.js'
import { IsoDate, type ReadResult } from '../../src/model/records.js'
import { listDatasetFiles } from '../../src/import/readers/datasets.js'
import { readFile } from '../../src/import/readers/index.js'

// The public datasets: MILLENNIUM_DATA_DIR, else ../shared/data beside the repository.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const dataDir = process.env.MILLENNIUM_DATA_DIR ?? join(repositoryRoot, '..', 'shared', 'data')
const skip = existsSync(dataDir)
  ? false
  : `dataset folder ${dataDir} not found: set MILLENNIUM_DATA_DIR to the folder with karate/, caviar/, fincen/, ...`

function ids(result: ReadResult): string[] {
  return [...result.nodes.map((node) => node.id), ...result.relationships.map((relationship) => relationship.id)]
}

function uniqueCount(values: string[]): number {
  return new Set(values).size
}

t.test('dataset file list', { skip }, async (t) => {
  const files = await listDatasetFiles(dataDir)
  t.same(
    files.map((file) => file.name),
    [
      'karate',
      'lesmis',
      'montagna meetings',
      'montagna phone calls',
      'caviar',
      ...Array.from({ length: 11 }, (_, index) => `caviar phase ${index + 1}`),
      'fincen',
    ],
  )
  t.equal(files.find((file) => file.name === 'fincen')?.format, 'fincen')
})

t.test('dataset list skips missing files', async (t) => {
  const files = await listDatasetFiles(join(dataDir, 'no-such-folder'))
  t.same(files, [])
})

t.test('karate counts', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'karate', 'karate_networkx_weighted_edgelist.txt'))
  t.equal(result.nodes.length, 34)
  t.equal(result.relationships.length, 78)
  t.same(result.rejected, [])
  t.equal(result.nodes.filter((node) => node.properties.club === 'Mr. Hi').length, 17)
  t.equal(result.nodes.filter((node) => node.properties.club === 'Officer').length, 17)
  t.equal(result.relationships.find((relationship) => relationship.id === 'karate:0->1')?.properties.weight, 4)
})

t.test('lesmis counts', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'lesmis', 'lesmis.gml'))
  t.equal(result.nodes.length, 77)
  t.equal(result.relationships.length, 254)
  t.same(result.rejected, [])
  t.equal(result.nodes.find((node) => node.id === 'lesmis:11')?.name, 'Valjean')
  t.equal(result.relationships.every((relationship) => relationship.type === 'ASSOCIATE_OF'), true)
})

t.test('montagna counts', { skip }, async (t) => {
  const meetings = await readFile(join(dataDir, 'montagna', 'Montagna_meetings_edgelist.csv'))
  t.equal(meetings.nodes.length, 101)
  t.equal(meetings.relationships.length, 256, '289 lines over 256 unordered pairs')
  t.same(meetings.rejected, [])
  // 11 12 9 and 12 11 1 are both in the file.
  t.equal(meetings.relationships.find((relationship) => relationship.id === 'montagna-meetings:11->12')?.properties.count, 10n)

  const calls = await readFile(join(dataDir, 'montagna', 'Montagna_phonecalls_edgelist.csv'))
  t.equal(calls.nodes.length, 100)
  t.equal(calls.relationships.length, 150, 'directed: 150 ordered pairs over 124 unordered ones')
  const unorderedPairs = calls.relationships.map((relationship) =>
    [relationship.source, relationship.target].sort().join(' '),
  )
  t.equal(uniqueCount(unorderedPairs), 124)
  t.same(calls.rejected, [])

  const shared = meetings.nodes.filter((node) => calls.nodes.some((other) => other.id === node.id))
  t.ok(shared.length > 0, 'both files share people')
})

t.test('caviar whole network counts', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'caviar', 'morselli_caviar.csv'))
  t.equal(result.nodes.length, 110)
  t.equal(result.relationships.length, 295)
  t.same(result.rejected, [])
  t.equal(result.relationships.some((relationship) => relationship.source === relationship.target), false)
  const strongest = result.relationships.reduce((best, relationship) =>
    (relationship.properties.weight as number) > (best.properties.weight as number) ? relationship : best,
  )
  t.equal(strongest.properties.count, 337n)
  t.equal(strongest.id, 'caviar:N1->N3')
})

t.test('caviar phases share people', { skip }, async (t) => {
  const whole = await readFile(join(dataDir, 'caviar', 'morselli_caviar.csv'))
  const wholeIds = new Set(whole.nodes.map((node) => node.id))
  const expected = [
    [15, 26],
    [24, 35],
    [33, 68],
    [33, 65],
    [32, 50],
    [27, 68],
    [36, 63],
    [42, 75],
    [34, 60],
    [42, 68],
    [41, 72],
  ]
  for (const [index, [players, ties]] of expected.entries()) {
    const phase = index + 1
    const result = await readFile(join(dataDir, 'caviar', `phase${phase}.csv`))
    t.equal(result.nodes.length, players, `phase ${phase} players`)
    t.equal(result.relationships.length, ties, `phase ${phase} ties`)
    t.equal(result.nodes.every((node) => wholeIds.has(node.id)), true, `phase ${phase} people are in the whole network`)
    t.equal(result.relationships[0]?.properties.phase, BigInt(phase))
    t.match(result.relationships[0]?.id, `caviar-phase${phase}:`)
  }
})

t.test('fincen counts and exact total', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'fincen', 'download_transactions_map.csv'))
  t.equal(result.nodes.length, 2277)
  t.equal(result.relationships.length, 4507)
  t.same(result.rejected, [])

  let total = 0n
  for (const relationship of result.relationships) {
    total += relationship.properties.amountMinor as bigint
  }
  t.equal(formatAmount(total, 'USD'), '35682247985.01')
  t.equal(result.relationships.filter((relationship) => relationship.properties.transactionCount === undefined).length, 111)
  t.equal(result.nodes.every((node) => node.label === 'Company' && node.properties.kind === 'bank'), true)
})

t.test('fincen first row values', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'fincen', 'download_transactions_map.csv'))
  const first = result.relationships.find((relationship) => relationship.id === 'fincen:223254')
  t.equal(first?.type, 'TRANSFER')
  t.equal(first?.source, 'fincen:cimb-bank-berhad')
  t.equal(first?.target, 'fincen:barclays-bank-plc-london-england-gbr')
  t.equal(first?.properties.amount, '56898523.47', 'E notation 5.689852347E7 read exactly')
  t.equal(first?.properties.amountMinor, 5689852347n)
  t.equal(first?.properties.currency, 'USD')
  t.same(first?.properties.date, new IsoDate('2015-03-25'))
  t.same(first?.properties.endDate, new IsoDate('2015-09-25'))
  t.equal(first?.properties.transactionCount, 68n)
  t.equal(first?.properties.filer, 'The Bank of New York Mellon Corp.')
  t.equal(first?.properties.sarId, '3297')

  const bank = result.nodes.find((node) => node.id === 'fincen:cimb-bank-berhad')
  t.equal(bank?.name, 'CIMB Bank Berhad')
  t.equal(bank?.properties.country, 'SGP')
  t.equal(bank?.properties.countryName, 'Singapore')
})

t.test('fincen spelling variants', { skip }, async (t) => {
  const result = await readFile(join(dataDir, 'fincen', 'download_transactions_map.csv'))
  // Written " Natwest Offshore" in 36 rows and "Natwest Offshore" in 6.
  t.equal(result.nodes.find((node) => node.id === 'fincen:natwest-offshore')?.name, 'Natwest Offshore')
  const hsbc = result.nodes.find((node) => node.id === 'fincen:hsbc-hong-kong-hkg')
  t.equal(hsbc?.name, 'HSBC Hong Kong')
  t.same(hsbc?.properties.aliases, ['HSBC'])
  const dbs = result.nodes.find((node) => node.id === 'fincen:dbs-bank-ltd')
  t.equal(dbs?.properties.country, 'SGP')
  t.same(dbs?.properties.otherCountries, ['HKG'])
  // Rows 224996 and five others have no dates.
  t.equal(result.relationships.filter((relationship) => relationship.properties.date === undefined).length, 6)
})

t.test('reading every dataset twice gives same ids', { skip }, async (t) => {
  for (const file of await listDatasetFiles(dataDir)) {
    const first = ids(await file.read())
    const second = ids(await file.read())
    t.same(second, first, `${file.name} ids`)
    t.equal(uniqueCount(first), first.length, `${file.name} ids are unique`)
  }
})
