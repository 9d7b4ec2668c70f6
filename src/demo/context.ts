/**
 * State shared by the demo generator's steps. `NetworkState` lives for the whole stream and
 * stays small: id counters, the location ids and a few bounded lists. `ClanContext` holds
 * the references of one clan and is dropped when the clan is done, so memory does not grow
 * with the size of the network.
 */
import type { Provenance } from '../model/records.js'
import type { PERSON_STATUSES } from '../model/schema.js'
import type { DuplicateSource } from './duplicates.js'
import type { DemoCompanyKind } from './jurisdictions.js'
import type { Origin, Spelling } from './names.js'
import type { Place } from './places.js'
import type { Random } from './random.js'
import { drawProvenance, type RecordBuffer } from './stream.js'

export type PersonStatus = (typeof PERSON_STATUSES)[number]

/** Role of an associate for the clan. */
export type AssociateKind = 'relative' | 'nominee' | 'official' | 'business'

export interface PersonRef {
  id: string
  status: PersonStatus
  /** Role in the clan (`leader`, `treasurer`, `soldier` ...), or null for associates. */
  role: string | null
  associateKind: AssociateKind | null
  origin: Origin
  /** Family surname in its masculine form. */
  surname: Spelling
  birthDay: number
  /** Country of the city the person lives in. */
  country: string
}

export interface CompanyRef {
  id: string
  kind: DemoCompanyKind
  jurisdiction: string
  incorporatedDay: number
  /** Sum of the shares already owned by others, at most 1. */
  ownedShare: number
}

/** The holder of an account: what the generator needs to open another one for it. */
export interface Holder {
  id: string
  type: 'person' | 'company' | 'fund'
  /** Person status, company kind, or `obshak` for a fund. */
  category: string
  country: string
}

export interface AccountRef {
  id: string
  currency: string
  holder: Holder
}

export interface FundRef {
  id: string
  accounts: AccountRef[]
  /** Number of clans paying into this fund. */
  clanCount: number
}

export interface ThiefRef {
  id: string
  crownedDay: number
}

/** Maximum length of the cross-clan lists in `NetworkState`. */
export const CROSS_CLAN_MEMORY = 48

export interface NetworkState {
  seed: number
  records: RecordBuffer
  /** Location node id by `placeKey`. */
  locationIds: Map<string, string>
  /** The most recently crowned thieves of earlier clans, at most `CROSS_CLAN_MEMORY`. */
  thieves: ThiefRef[]
  /** Thieves and authorities of earlier clans, candidates for cross-clan ties. */
  notables: string[]
  fund: FundRef | null
  /** Notice colours emitted so far. */
  noticeColours: Set<string>
  /** The thief in law whose record `plantDuplicates` files again under another spelling. */
  duplicateSource?: DuplicateSource
}

/** Fields of a clan that exist before its group and fund records. */
export interface ClanBase {
  index: number
  random: Random
  network: NetworkState
  records: RecordBuffer
  origin: Origin
  home: Place
  abroad: Place[]
  activities: string[]
  foundedDay: number
  /** NCB codes that contribute this clan's records, the home country weighted double. */
  contributors: string[]
  persons: PersonRef[]
  companies: CompanyRef[]
  /** Accounts of the clan's persons and companies; fund accounts are in `FundRef`. */
  accounts: AccountRef[]
}

export interface ClanContext extends ClanBase {
  groupId: string
  fund: FundRef
}

/** Draws the provenance of one of the clan's records. */
export function clanProvenance(clan: ClanBase): Provenance {
  return drawProvenance(clan.random, clan.contributors)
}

/** Keeps the last `CROSS_CLAN_MEMORY` items of a list, in place. */
export function trimToRecent<T>(items: T[]): void {
  if (items.length > CROSS_CLAN_MEMORY) {
    items.splice(0, items.length - CROSS_CLAN_MEMORY)
  }
}

export function personHolder(person: PersonRef): Holder {
  return { id: person.id, type: 'person', category: person.status, country: person.country }
}

export function companyHolder(company: CompanyRef): Holder {
  return { id: company.id, type: 'company', category: company.kind, country: company.jurisdiction }
}

export function rounded(value: number, decimals = 2): number {
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}
