/**
 * Duplicates planted at the end of the demo network, after every random draw, so the rest
 * of the network stays the same for a seed. Police files hold the same person twice when
 * two countries file them under two spellings; these pairs give duplicate detection
 * something known to find:
 *
 * - the first open thief in law, filed again by another country in Cyrillic, surname first,
 *   with the same birth date, nationality and clan membership;
 * - a pair of persons, one in a Latin transliteration and one in Cyrillic, from two countries;
 * - a pair whose Latin record is restricted to its owner, so only that country (and admins)
 *   may see the pair;
 * - a pair of companies spelled in Latin and in Cyrillic.
 */
import { IsoDate, type Properties, type Provenance } from '../model/records.js'
import type { NetworkState } from './context.js'
import type { Spelling } from './names.js'

/** A thief in law as the planted copy needs it. */
export interface DuplicateSource {
  id: string
  /** Whether the record is open to every country; a restricted one is replaced by the first open one. */
  open: boolean
  given: Spelling
  surname: Spelling
  properties: Properties
  groupId: string
  ownerNcb: string | null
}

/** Records that `plantDuplicates` adds, whatever the seed and size. */
export const PLANTED_DUPLICATES = { persons: 5, companies: 2, memberships: 1, ownerships: 2 } as const

interface PlantedSide {
  name: string
  /** Other spellings on file; every demo person has one in Cyrillic. */
  aliases?: string[]
  provenance: Omit<Provenance, 'source'>
}

interface PlantedPair {
  label: 'Person' | 'Company'
  first: PlantedSide
  second: PlantedSide
  properties: Properties
}

const PLANTED_PAIRS: PlantedPair[] = [
  {
    label: 'Person',
    first: { name: 'Gennadiy Kiselyov', aliases: ['Гена Киселев'], provenance: { ownerNcb: 'UA', restrictedTo: [] } },
    second: { name: 'Геннадий Киселёв', aliases: ['Киселёв Геннадий'], provenance: { ownerNcb: 'PL', restrictedTo: [] } },
    properties: { status: 'associate', birthDate: new IsoDate('1971-03-14'), nationality: ['RU'], gender: 'male' },
  },
  {
    label: 'Person',
    first: { name: 'Aram Sarkisyan', aliases: ['Арамчик'], provenance: { ownerNcb: 'AM', restrictedTo: ['AM'] } },
    second: { name: 'Арам Саркисян', aliases: ['Саркисян Арам'], provenance: { ownerNcb: 'FR', restrictedTo: [] } },
    properties: { status: 'associate', birthDate: new IsoDate('1968-11-02'), nationality: ['AM'], gender: 'male' },
  },
  {
    label: 'Company',
    first: { name: 'Kavkaz Stroy', provenance: { ownerNcb: 'GE', restrictedTo: [] } },
    second: { name: 'Кавказ Строй', provenance: { ownerNcb: 'RU', restrictedTo: [] } },
    properties: { kind: 'front', jurisdiction: 'GE', sector: 'construction', incorporatedOn: new IsoDate('2004-06-21') },
  },
]

/** Adds the planted duplicates to the network's record buffer. */
export function plantDuplicates(network: NetworkState): void {
  const { records } = network
  // Every clan has thieves, so a source exists; the first open one is preferred.
  const source = network.duplicateSource
  if (source !== undefined) {
    const ownerNcb = source.ownerNcb === 'DE' ? 'AT' : 'DE'
    const provenance: Provenance = { source: records.namespace, ownerNcb, restrictedTo: [] }
    const nickname = source.properties.nickname
    const aliases = [`${source.given.cyrillic} ${source.surname.cyrillic}`, ...(typeof nickname === 'string' ? [nickname] : [])]
    const facts = { ...source.properties, aliases }
    const copy = records.addNode('Person', `${source.surname.cyrillic} ${source.given.cyrillic}`, facts, provenance)
    records.addRelationship('MEMBER_OF', copy, source.groupId, { role: 'thief' }, provenance)
  }
  const ids = PLANTED_PAIRS.map((pair) =>
    [pair.first, pair.second].map((side) => {
      const properties = side.aliases === undefined ? pair.properties : { ...pair.properties, aliases: side.aliases }
      return records.addNode(pair.label, side.name, properties, { source: records.namespace, ...side.provenance })
    }),
  )
  // Each spelling of the first pair owns the company of its own script, so the companies
  // share an owner's identity and every demo company has an owner.
  const [owners, , companies] = ids
  for (const index of [0, 1]) {
    const owner = owners?.[index]
    const company = companies?.[index]
    const side = index === 0 ? PLANTED_PAIRS[0]?.first : PLANTED_PAIRS[0]?.second
    if (owner !== undefined && company !== undefined && side !== undefined) {
      const provenance = { source: records.namespace, ...side.provenance }
      records.addRelationship('OWNS', owner, company, { share: 1, since: new IsoDate('2004-06-21') }, provenance)
    }
  }
}
