/**
 * Persons of one clan with their residence and membership. A clan has a few thieves in law
 * (the first leads it), authorities (the first keeps the clan's share of the obshak), members
 * and associates. Associates are not members: they are relatives, nominees who lend their
 * names to companies and accounts, co-opted officials, and business partners.
 */
import type { Properties, Provenance } from '../model/records.js'
import { addYears, dayOf, isoDateOf, randomDay, RECORDS_TO, yearOf } from './calendar.js'
import {
  clanProvenance,
  type AssociateKind,
  type ClanContext,
  type PersonRef,
  type PersonStatus,
} from './context.js'
import { drawIdentity, ORIGINS, type Gender, type Identity, type Origin, type Spelling } from './names.js'
import { PLACES, type Place } from './places.js'
import { locationIdOf } from './locations.js'

/** Earliest and latest birth year by status. */
const BIRTH_YEARS: Record<PersonStatus, readonly [number, number]> = {
  'thief-in-law': [1952, 1985],
  authority: [1958, 1992],
  member: [1965, 2003],
  associate: [1950, 2003],
  unknown: [1950, 2003],
}

const NICKNAME_SHARE: Record<PersonStatus, number> = {
  'thief-in-law': 1,
  authority: 1,
  member: 0.6,
  associate: 0.15,
  unknown: 0,
}

const FEMALE_SHARE: Record<AssociateKind, number> = {
  relative: 0.6,
  nominee: 0.3,
  official: 0.15,
  business: 0.15,
}

const OCCUPATIONS: Record<AssociateKind, readonly string[]> = {
  relative: ['homemaker', 'student', 'entrepreneur', 'pensioner', 'dentist'],
  nominee: ['accountant', 'lawyer', 'driver', 'student', 'unemployed', 'notary'],
  official: [
    'police officer',
    'customs officer',
    'prosecutor',
    'judge',
    'tax inspector',
    'prison officer',
    'border guard',
  ],
  business: ['businessman', 'banker', 'real-estate agent', 'car dealer', 'financial adviser'],
}

/** Roles of the first authorities of a clan; the others are brigadiers. */
const AUTHORITY_ROLES = ['treasurer', 'overseer'] as const

export interface ClanRoster {
  thieves: PersonRef[]
  authorities: PersonRef[]
  members: PersonRef[]
  associates: PersonRef[]
  /** Crowning day of each thief, by person id. */
  crownedDays: Map<string, number>
}

/** Adds `count` persons to the clan, each with a residence and, unless an associate, a membership. */
export function addPersons(clan: ClanContext, count: number, leaderSurname: Spelling): ClanRoster {
  const { random } = clan
  const thiefCount = Math.min(5, Math.max(2, Math.round(count * 0.03)))
  const authorityCount = Math.max(1, Math.round(count * 0.08))
  const memberCount = Math.round(count * 0.45)
  const associateCount = Math.max(0, count - thiefCount - authorityCount - memberCount)
  const roster: ClanRoster = {
    thieves: [],
    authorities: [],
    members: [],
    associates: [],
    crownedDays: new Map(),
  }

  for (let i = 0; i < thiefCount; i++) {
    const role = i === 0 ? 'leader' : 'thief'
    const surname = i === 0 ? leaderSurname : undefined
    roster.thieves.push(addPerson(clan, roster, 'thief-in-law', role, null, surname))
  }
  for (let i = 0; i < authorityCount; i++) {
    const role = AUTHORITY_ROLES[i] ?? 'brigadier'
    roster.authorities.push(addPerson(clan, roster, 'authority', role, null))
  }
  for (let i = 0; i < memberCount; i++) {
    roster.members.push(addPerson(clan, roster, 'member', 'soldier', null))
  }
  for (let i = 0; i < associateCount; i++) {
    const kind = random.pickWeighted<AssociateKind>([
      ['relative', 3],
      ['nominee', 3],
      ['business', 3],
      ['official', 1],
    ])
    roster.associates.push(addPerson(clan, roster, 'associate', null, kind))
  }
  return roster
}

function addPerson(
  clan: ClanContext,
  roster: ClanRoster,
  status: PersonStatus,
  role: string | null,
  associateKind: AssociateKind | null,
  surname?: Spelling,
): PersonRef {
  const { random, records } = clan
  const kin = associateKind === 'relative' ? pickKin(clan, roster) : undefined
  const origin: Origin = kin?.origin ?? (random.chance(0.8) ? clan.origin : random.pick(ORIGINS))
  const [firstYear, lastYear] = BIRTH_YEARS[status]
  const birthDay = randomDay(random, dayOf(firstYear, 1, 1), dayOf(lastYear, 12, 31))
  const gender: Gender =
    associateKind !== null && random.chance(FEMALE_SHARE[associateKind]) ? 'female' : 'male'
  const place = pickResidence(clan, origin)

  const identity = drawIdentity(random, {
    origin,
    gender,
    birthYear: yearOf(birthDay),
    withNickname: random.chance(NICKNAME_SHARE[status]),
    withFalseIdentity: status === 'thief-in-law' && random.chance(0.3),
    home: clan.home,
    surname: kin?.surname ?? surname,
  })
  const properties: Properties = {
    status,
    aliases: identity.aliases,
    birthDate: isoDateOf(birthDay),
    nationality: drawNationality(clan, origin, place),
    gender,
  }
  if (identity.nickname !== null) {
    properties.nickname = identity.nickname
  }
  if (associateKind !== null) {
    properties.occupation = random.pick(OCCUPATIONS[associateKind])
  }
  let crownedDay: number | undefined
  if (status === 'thief-in-law') {
    crownedDay = Math.min(RECORDS_TO, addYears(birthDay, random.float(24, 40)))
    properties.crownedOn = isoDateOf(crownedDay)
  }

  const provenance = clanProvenance(clan)
  const id = records.addNode('Person', identity.name, properties, provenance)
  if (status === 'thief-in-law') {
    rememberDuplicateSource(clan, id, identity, properties, provenance)
  }
  records.addRelationship(
    'LOCATED_IN',
    id,
    locationIdOf(clan.network, place),
    { kind: 'residence' },
    clanProvenance(clan),
  )
  const person: PersonRef = {
    id,
    status,
    role,
    associateKind,
    origin,
    surname: identity.familySurname,
    birthDay,
    country: place.country,
  }
  if (crownedDay !== undefined) {
    roster.crownedDays.set(id, crownedDay)
  }
  if (role !== null) {
    addMembership(clan, person, role)
  }
  if (kin !== undefined) {
    addKinship(clan, person, kin)
  }
  clan.persons.push(person)
  return person
}

/** Keeps the first thief in law, or the first open one, as the source of a planted duplicate. */
function rememberDuplicateSource(
  clan: ClanContext,
  id: string,
  identity: Identity,
  properties: Properties,
  provenance: Provenance,
): void {
  const open = provenance.restrictedTo.length === 0
  const current = clan.network.duplicateSource
  if (current !== undefined && (current.open || !open)) {
    return
  }
  clan.network.duplicateSource = {
    id,
    open,
    given: identity.givenName,
    surname: identity.familySurname,
    properties,
    groupId: clan.groupId,
    ownerNcb: provenance.ownerNcb,
  }
}

function addMembership(clan: ClanContext, person: PersonRef, role: string): void {
  const { random } = clan
  // The leader founded the clan; the others joined as adults, within 15 years of being able to.
  const earliest = Math.max(addYears(person.birthDay, 18), clan.foundedDay)
  const since =
    role === 'leader'
      ? clan.foundedDay
      : randomDay(random, earliest, Math.min(RECORDS_TO, addYears(earliest, 15)))
  const properties: Properties = { role, since: isoDateOf(since) }
  // Some members have left: in prison, dead, or expelled.
  if (role !== 'leader' && since + 365 < RECORDS_TO && random.chance(0.08)) {
    properties.until = isoDateOf(randomDay(random, since + 365, RECORDS_TO))
  }
  clan.records.addRelationship('MEMBER_OF', person.id, clan.groupId, properties, clanProvenance(clan))
}

function addKinship(clan: ClanContext, relative: PersonRef, kin: PersonRef): void {
  const since = Math.max(relative.birthDay, kin.birthDay)
  clan.records.addRelationship(
    'ASSOCIATE_OF',
    relative.id,
    kin.id,
    { kind: 'family', weight: 1, since: isoDateOf(since) },
    clanProvenance(clan),
  )
}

/** Picks the member whose family a new relative belongs to. */
function pickKin(clan: ClanContext, roster: ClanRoster): PersonRef | undefined {
  const candidates = [...roster.thieves, ...roster.authorities, ...roster.members]
  return candidates.length > 0 ? clan.random.pick(candidates) : undefined
}

/** Picks where a person lives: the clan's home, a city abroad, or for outsiders often their own country. */
function pickResidence(clan: ClanContext, origin: Origin): Place {
  const { random } = clan
  if (origin !== clan.origin && random.chance(0.5)) {
    return random.pick(PLACES.filter((place) => place.country === origin))
  }
  return random.chance(0.6) ? clan.home : random.pick(clan.abroad)
}

/** Returns ISO 3166-1 alpha-2 citizenships: the origin, often Russian too, sometimes the residence. */
function drawNationality(clan: ClanContext, origin: Origin, place: Place): string[] {
  const codes = [origin as string]
  if (origin !== 'RU' && clan.random.chance(0.2)) {
    codes.push('RU')
  }
  if (place.country !== origin && clan.random.chance(0.25)) {
    codes.push(place.country)
  }
  return [...new Set(codes)]
}
