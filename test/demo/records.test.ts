import t from 'tap'
import { isCurrencyCode, parseAmount } from '../../src/model/money.js'
import { IsoDate, type NodeRecord, type RelationshipRecord } from '../../src/model/records.js'
import { NOTICE_COLOURS, NOTICE_KINDS, NOTICE_STATUSES, PERSON_STATUSES } from '../../src/model/schema.js'
import { isValidIban } from '../../src/demo/banks.js'
import { generateDemoNetwork } from '../../src/demo/generate.js'
import { REGIONS } from '../../src/demo/places.js'
import { accountHolders, collectNetwork } from './fixtures/network.js'

const network = collectNetwork({ seed: 11, size: 300 })
const records: (NodeRecord | RelationshipRecord)[] = [...network.nodes, ...network.relationships]
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

function nodesOf(label: NodeRecord['label']): NodeRecord[] {
  return network.nodes.filter((node) => node.label === label)
}

function relationshipsOf(type: RelationshipRecord['type']): RelationshipRecord[] {
  return network.relationships.filter((relationship) => relationship.type === type)
}

function isCountryCode(code: unknown): boolean {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code
}

t.test('relationship endpoints come earlier in stream', async (t) => {
  const seen = new Set<string>()
  const missing: string[] = []
  let batches = 0
  // A batch's nodes may serve its own relationships, as a loader writes nodes first.
  for (const batch of generateDemoNetwork({ seed: 11, size: 1_000, batchSize: 900 })) {
    batches += 1
    for (const node of batch.nodes) {
      seen.add(node.id)
    }
    for (const relationship of batch.relationships) {
      if (!seen.has(relationship.source) || !seen.has(relationship.target)) {
        missing.push(relationship.id)
      }
    }
  }
  t.ok(batches > 10, `the network spans ${batches} batches`)
  t.same(missing, [])
})

t.test('ids are stable and unique', async (t) => {
  const ids = records.map((record) => record.id)
  t.equal(new Set(ids).size, ids.length)
  t.same(
    ids.filter((id) => !/^demo:[a-z-]+:\d+$/.test(id)),
    [],
  )
  t.equal(network.nodes.find((node) => node.label === 'Person')?.id, 'demo:person:1')
})

t.test('every record has name and provenance', async (t) => {
  t.same(
    network.nodes.filter((node) => typeof node.name !== 'string' || node.name.trim() === ''),
    [],
  )
  t.same(
    records.filter((record) => record.provenance.source !== 'demo'),
    [],
  )
  const badOwners = records.filter(
    (record) => record.provenance.ownerNcb !== null && !isCountryCode(record.provenance.ownerNcb),
  )
  t.same(badOwners, [])
  const restricted = records.filter((record) => record.provenance.restrictedTo.length > 0)
  const restrictedWithoutOwner = restricted.filter(
    (record) => record.provenance.ownerNcb === null || !record.provenance.restrictedTo.includes(record.provenance.ownerNcb),
  )
  t.same(restrictedWithoutOwner, [], 'a restricted record names its owner among the allowed countries')

  const owned = records.filter((record) => record.provenance.ownerNcb !== null).length / records.length
  const restrictedShare = restricted.length / records.length
  t.ok(owned > 0.7 && owned < 0.95, `owned share ${owned.toFixed(3)}`)
  t.ok(restrictedShare > 0.02 && restrictedShare < 0.09, `restricted share ${restrictedShare.toFixed(3)}`)
})

t.test('transfer amounts are exact decimals', async (t) => {
  const transfers = relationshipsOf('TRANSFER')
  const currencies = new Map<string, number>()
  const invalid: string[] = []
  for (const transfer of transfers) {
    const { amount, amountMinor, currency, date } = transfer.properties
    const valid =
      typeof currency === 'string' &&
      isCurrencyCode(currency) &&
      typeof amount === 'string' &&
      typeof amountMinor === 'bigint' &&
      amountMinor > 0n &&
      parseAmount(amount, currency).minor === amountMinor &&
      date instanceof IsoDate &&
      date.iso >= '2019-01-01' &&
      date.iso <= '2025-12-31' &&
      typeof transfer.properties.reference === 'string'
    if (!valid) {
      invalid.push(transfer.id)
    }
    currencies.set(String(currency), (currencies.get(String(currency)) ?? 0) + 1)
  }
  t.same(invalid, [])
  t.ok(transfers.length > 500, `${transfers.length} transfers`)

  const main = (currencies.get('EUR') ?? 0) + (currencies.get('USD') ?? 0) + (currencies.get('RUB') ?? 0)
  t.ok(main / transfers.length > 0.7, `EUR, USD and RUB make ${main} of ${transfers.length}`)
  t.ok((currencies.get('GEL') ?? 0) > 0, 'some transfers are in GEL')
  t.ok((currencies.get('AED') ?? 0) > 0, 'some transfers are in AED')
  t.same(
    [...currencies.keys()].filter((currency) => !['EUR', 'USD', 'RUB', 'GEL', 'AED'].includes(currency)),
    [],
  )
})

t.test('transfers connect accounts in their currency', async (t) => {
  const accounts = new Map(nodesOf('Account').map((account) => [account.id, account]))
  const mismatched = relationshipsOf('TRANSFER').filter((transfer) => {
    const from = accounts.get(transfer.source)
    const to = accounts.get(transfer.target)
    const currency = transfer.properties.currency
    return from?.properties.currency !== currency || to?.properties.currency !== currency
  })
  t.same(mismatched, [])
})

t.test('accounts have numbers and holders', async (t) => {
  const holders = accountHolders(network)
  const accounts = nodesOf('Account')
  t.same(
    accounts.filter((account) => !holders.has(account.id)),
    [],
  )
  const ibans = accounts
    .map((account) => String(account.properties.number))
    .filter((number) => /^[A-Z]{2}/.test(number))
  t.ok(ibans.length > accounts.length / 2, `${ibans.length} of ${accounts.length} are IBANs`)
  t.same(
    ibans.filter((iban) => !isValidIban(iban)),
    [],
  )
  const holderLabels = new Set([...holders.values()].map((holder) => holder.label))
  t.same([...holderLabels].sort(), ['Company', 'Fund', 'Person'])
})

t.test('assets have exact values and owners', async (t) => {
  const assets = nodesOf('Asset')
  const owned = new Set(relationshipsOf('OWNS').map((ownership) => ownership.target))
  const invalid = assets.filter((asset) => {
    const { value, valueMinor, currency } = asset.properties
    return (
      typeof value !== 'string' ||
      typeof currency !== 'string' ||
      parseAmount(value, currency).minor !== valueMinor ||
      !owned.has(asset.id)
    )
  })
  t.ok(assets.length >= 9, `${assets.length} assets`)
  t.same(invalid, [])
})

t.test('company ownership shares add up to at most one', async (t) => {
  const totals = new Map<string, number>()
  for (const ownership of relationshipsOf('OWNS')) {
    const share = ownership.properties.share
    t.ok(typeof share === 'number' && share > 0 && share <= 1, `${ownership.id} share ${share}`)
    totals.set(ownership.target, (totals.get(ownership.target) ?? 0) + Number(share))
  }
  const overOwned = [...totals].filter(([, total]) => total > 1 + 1e-9)
  t.same(overOwned, [])

  const companies = nodesOf('Company')
  t.same(
    companies.filter((company) => !totals.has(company.id)),
    [],
    'every company has an owner',
  )
  t.same(
    [...new Set(companies.map((company) => company.properties.kind))].sort(),
    ['front', 'legitimate', 'shell'],
  )
})

t.test('ownership chains are several layers deep', async (t) => {
  const companyOwners = new Map<string, string[]>()
  for (const ownership of relationshipsOf('OWNS')) {
    if (network.nodesById.get(ownership.source)?.label === 'Company') {
      companyOwners.set(ownership.target, [...(companyOwners.get(ownership.target) ?? []), ownership.source])
    }
  }
  const depth = (id: string, seen: Set<string>): number => {
    const owners = (companyOwners.get(id) ?? []).filter((owner) => !seen.has(owner))
    return owners.length === 0 ? 0 : 1 + Math.max(...owners.map((owner) => depth(owner, new Set([...seen, id]))))
  }
  const deepest = Math.max(...nodesOf('Company').map((company) => depth(company.id, new Set())))
  t.ok(deepest >= 2, `deepest chain of companies owning companies: ${deepest}`)
})

t.test('persons carry aliases and valid fields', async (t) => {
  const persons = nodesOf('Person')
  const statuses: readonly unknown[] = PERSON_STATUSES
  t.same(
    persons.filter((person) => !statuses.includes(person.properties.status)),
    [],
  )
  const withoutCyrillic = persons.filter((person) => {
    const aliases = person.properties.aliases
    return !Array.isArray(aliases) || !aliases.some((alias) => /[А-яЁёІіЇї]/.test(String(alias)))
  })
  t.same(withoutCyrillic, [])
  const nicknamesOutsideAliases = persons.filter((person) => {
    const { nickname, aliases } = person.properties
    return nickname !== undefined && !(aliases as string[]).includes(String(nickname))
  })
  t.same(nicknamesOutsideAliases, [])
  const badNationality = persons.filter((person) => {
    const codes = person.properties.nationality
    return !Array.isArray(codes) || codes.length === 0 || !codes.every(isCountryCode)
  })
  t.same(badNationality, [])
  t.same(
    persons.filter((person) => !(person.properties.birthDate instanceof IsoDate)),
    [],
  )

  const thieves = persons.filter((person) => person.properties.status === 'thief-in-law')
  t.ok(thieves.length >= 6 && thieves.length <= 15, `${thieves.length} thieves in 3 clans`)
  t.ok(
    thieves.every((thief) => typeof thief.properties.nickname === 'string'),
    'every thief has a nickname',
  )
  const georgian = persons.filter((person) =>
    (person.properties.aliases as string[]).some((alias) => /[\u10D0-\u10FF]/.test(alias)),
  )
  t.ok(georgian.length > 0, `${georgian.length} persons have a Georgian-script alias`)
})

t.test('crowners were crowned before', async (t) => {
  const crownings = relationshipsOf('CROWNED_BY')
  t.ok(crownings.length >= 3, `${crownings.length} crownings`)
  const invalid = crownings.filter((crowning) => {
    const thief = network.nodesById.get(crowning.source)
    const crowner = network.nodesById.get(crowning.target)
    const date = crowning.properties.date as IsoDate
    const crownerDate = crowner?.properties.crownedOn as IsoDate | undefined
    return (
      thief?.properties.status !== 'thief-in-law' ||
      crowner?.properties.status !== 'thief-in-law' ||
      crownerDate === undefined ||
      crownerDate.iso >= date.iso ||
      typeof crowning.properties.place !== 'string'
    )
  })
  t.same(invalid, [])
})

t.test('every notice colour appears', async (t) => {
  const notices = nodesOf('Notice')
  const colours = new Set(notices.map((notice) => notice.properties.colour))
  t.same([...colours].sort(), [...NOTICE_COLOURS].sort())
  const kinds = new Set(notices.map((notice) => notice.properties.kind))
  t.same([...kinds].sort(), [...NOTICE_KINDS].sort())
  const statuses: readonly unknown[] = NOTICE_STATUSES
  t.same(
    notices.filter((notice) => !statuses.includes(notice.properties.status) || !isCountryCode(notice.properties.issuedBy)),
    [],
  )
  const subjects = new Set(relationshipsOf('SUBJECT_OF').map((subject) => subject.target))
  t.same(
    notices.filter((notice) => !subjects.has(notice.id)),
    [],
  )
})

t.test('notice colours follow reported proportions', async (t) => {
  const large = collectNetwork({ seed: 11, size: 3_000 })
  const notices = large.nodes.filter((node) => node.label === 'Notice')
  const share = (colour: string) =>
    notices.filter((notice) => notice.properties.colour === colour).length / notices.length
  // Reported in force: blue 42%, red 30%, green 27%, all others under 1%.
  t.ok(share('blue') > 0.32 && share('blue') < 0.52, `blue ${share('blue').toFixed(3)}`)
  t.ok(share('red') > 0.22 && share('red') < 0.4, `red ${share('red').toFixed(3)}`)
  t.ok(share('green') > 0.18 && share('green') < 0.36, `green ${share('green').toFixed(3)}`)
})

t.test('locations cover every region', async (t) => {
  const locations = nodesOf('Location')
  t.same(
    [...new Set(locations.map((location) => location.properties.region))].sort(),
    [...REGIONS].sort(),
  )
  t.same(
    locations.filter(({ properties: { latitude, longitude, country } }) =>
      typeof latitude !== 'number' ||
      typeof longitude !== 'number' ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180 ||
      !isCountryCode(country),
    ),
    [],
  )
  const linked = new Set(relationshipsOf('LOCATED_IN').map((located) => network.nodesById.get(located.source)?.label))
  t.ok(linked.has('Person') && linked.has('Company'), 'persons and companies are located')
  t.ok(relationshipsOf('OPERATES_IN').length >= 9, 'groups operate in places')
})

t.test('groups list their activities', async (t) => {
  const groups = nodesOf('Group')
  t.equal(groups.length, 3)
  for (const group of groups) {
    const activities = group.properties.activities
    t.ok(Array.isArray(activities) && activities.length >= 2, `${group.name}: ${String(activities)}`)
    t.equal(group.properties.kind, 'clan')
  }
  const funds = nodesOf('Fund')
  t.same(
    funds.map((fund) => fund.properties.kind),
    ['obshak'],
  )
})

t.test('every twentieth restricted node due for review', async (t) => {
  const restricted = network.nodes.filter((node) => node.provenance.restrictedTo.length > 0)
  const due = network.nodes.filter((node) => node.provenance.reviewAt !== undefined)
  const expiring = records.filter((record) => record.provenance.expiresAt !== undefined)

  t.equal(due.length, Math.floor(restricted.length / 20))
  t.ok(due.length > 0, `${due.length} nodes due for review`)
  t.ok(due.every((node) => node.provenance.restrictedTo.length > 0), 'only restricted nodes are due')
  t.ok(
    due.every((node) => /^2025-\d{2}-15T00:00:00Z$/.test(node.provenance.reviewAt?.iso ?? '')),
    'review dates are past days in 2025',
  )
  t.equal(expiring.length, 0)
})
