/**
 * The merge rules without a database: the audience of a merged record for each pair of
 * access rules, write access by owner country, and merged properties with their sources.
 */
import neo4j from 'neo4j-driver'
import t from 'tap'

import { checkWriteAccess, fingerprint, mergedAudience, mergeProperties, type Audience } from '../../src/services/merge-rules.js'

const OPEN: Audience = { ownerNcb: null, restrictedTo: [] }

t.test('merged audience table', async (t) => {
  const cases: { name: string; keep: Audience; merged: Audience; admin: boolean; expected: Audience | number }[] = [
    { name: 'both open, editor', keep: OPEN, merged: { ownerNcb: 'FR', restrictedTo: [] }, admin: false, expected: { ownerNcb: null, restrictedTo: [] } },
    { name: 'both open, admin', keep: OPEN, merged: { ownerNcb: 'FR', restrictedTo: [] }, admin: true, expected: { ownerNcb: 'FR', restrictedTo: [] } },
    { name: 'same restriction', keep: { ownerNcb: 'DE', restrictedTo: ['DE'] }, merged: { ownerNcb: 'DE', restrictedTo: ['DE'] }, admin: false, expected: { ownerNcb: 'DE', restrictedTo: ['DE'] } },
    { name: 'open and restricted, editor', keep: OPEN, merged: { ownerNcb: 'DE', restrictedTo: ['DE'] }, admin: false, expected: 409 },
    { name: 'open and restricted, admin', keep: OPEN, merged: { ownerNcb: 'DE', restrictedTo: ['DE', 'IT'] }, admin: true, expected: { ownerNcb: 'DE', restrictedTo: ['DE', 'IT'] } },
    { name: 'intersection', keep: { ownerNcb: 'FR', restrictedTo: ['FR', 'DE', 'IT'] }, merged: { ownerNcb: 'IT', restrictedTo: ['DE'] }, admin: true, expected: { ownerNcb: 'IT', restrictedTo: ['DE', 'IT'] } },
    { name: 'owner outside the intersection', keep: { ownerNcb: 'FR', restrictedTo: ['DE', 'IT'] }, merged: { ownerNcb: 'ES', restrictedTo: ['DE', 'IT'] }, admin: true, expected: { ownerNcb: null, restrictedTo: ['DE', 'IT'] } },
    { name: 'no common country', keep: { ownerNcb: 'FR', restrictedTo: ['FR'] }, merged: { ownerNcb: 'DE', restrictedTo: ['DE'] }, admin: true, expected: 409 },
  ]
  for (const item of cases) {
    const result = mergedAudience(item.keep, item.merged, item.admin)
    if (typeof item.expected === 'number') {
      t.equal('status' in result ? result.status : 200, item.expected, item.name)
    } else {
      t.same(result, item.expected, item.name)
    }
  }
})

t.test('write access by owner', async (t) => {
  const records = [
    { id: 'a', audience: OPEN },
    { id: 'b', audience: { ownerNcb: 'FR', restrictedTo: [] } },
  ]
  t.equal(checkWriteAccess(records, { ncb: 'DE', admin: false })?.status, 403, 'DE may not change a FR record')
  t.match(checkWriteAccess(records, { ncb: 'DE', admin: false })?.message, /"b" is owned by FR/)
  t.equal(checkWriteAccess(records, { ncb: 'FR', admin: false }), null)
  t.equal(checkWriteAccess(records, { ncb: null, admin: true }), null)
})

t.test('merged properties and sources', async (t) => {
  const keep = { id: 'a', name: 'Aslan Usoyan', aliases: ['Ded Hasan'], nationality: 'GE', source: 'ge-file', ownerNcb: null }
  const merged = {
    id: 'b',
    name: 'Aslan Usojan',
    aliases: ['Ded Hasan', 'Hasan'],
    nationality: 'RU',
    height: neo4j.int(172),
    amount: '12.50',
    amountMinor: neo4j.int(1250),
    source: 'ru-file',
    ownerNcb: 'RU',
  }
  const result = mergeProperties(keep, merged, OPEN)
  t.equal(result.name, 'Aslan Usoyan')
  t.same(result.aliases, ['Ded Hasan', 'Aslan Usojan', 'Hasan'], 'names once each, the kept name left out')
  t.equal(result.nationality, 'GE')
  t.same(result.height, neo4j.int(172), 'the driver value is copied as it is')
  t.same(result.amountMinor, neo4j.int(1250), 'money keeps its minor units')
  t.same(result.mergedIds, ['b'])
  t.equal(result.source, 'ge-file', 'the kept record keeps its dataset')

  const sources = JSON.parse(result.valueSources as string) as { property: string; value: unknown; record: string; source: string; ownerNcb: string | null }[]
  t.same(
    sources.filter((entry) => entry.property === 'nationality'),
    [
      { property: 'nationality', value: 'GE', record: 'a', source: 'ge-file', ownerNcb: null },
      { property: 'nationality', value: 'RU', record: 'b', source: 'ru-file', ownerNcb: 'RU' },
    ],
  )
  t.equal(sources.filter((entry) => entry.property === 'aliases').length, 3, 'each alias with its record')
  t.notOk(sources.some((entry) => entry.property === 'amountMinor'), 'companions are not listed twice')
})

t.test('fingerprint tells types apart', async (t) => {
  const state = (value: unknown) => ({ labels: ['Entity', 'Person'], properties: { id: 'a', value }, relationships: [] })
  t.not(fingerprint(state(neo4j.int(1))), fingerprint(state(1)), 'an integer and a float')
  t.not(fingerprint(state('1')), fingerprint(state(1)), 'a string and a number')
  t.equal(fingerprint(state(neo4j.int(1))), fingerprint(state(neo4j.int(1))))
  const one = { labels: ['Person', 'Entity'], properties: { id: 'a' }, relationships: [{ type: 'MET', start: 'a', end: 'b', properties: {} }, { type: 'CALLED', start: 'a', end: 'c', properties: {} }] }
  const other = { ...one, labels: ['Entity', 'Person'], relationships: [...one.relationships].reverse() }
  t.equal(fingerprint(one), fingerprint(other), 'the order of labels and relationships does not matter')
})
