/**
 * Ties between persons: who crowned whom, associations within and across clans, and the
 * surveillance records of meetings (`MET`) and intercepted calls (`CALLED`).
 */
import { addYears, isoDateOf, randomDay, RECORDS_TO, TRANSFERS_FROM, TRANSFERS_TO } from './calendar.js'
import {
  clanProvenance,
  rounded,
  trimToRecent,
  type ClanContext,
  type PersonRef,
  type ThiefRef,
} from './context.js'
import type { ClanRoster } from './people.js'
import { CROWNING_CITIES } from './places.js'

/** Minimum time in days between a crowner's own crowning and a crowning he attends. */
const CROWNER_SENIORITY_DAYS = 365

/** Adds the crowning, association, meeting and call ties of a clan's persons. */
export function addTies(clan: ClanContext, roster: ClanRoster): void {
  addCrownings(clan, roster)
  addAssociations(clan, roster)
  addCrossClanTies(clan, roster)
  addSurveillance(clan, roster)
  rememberNotables(clan, roster)
}

/**
 * Links each thief to the one to three thieves who crowned him, chosen among the thieves of
 * this clan and recent ones of earlier clans who were crowned at least a year before. A
 * thief with no earlier thief available has no `CROWNED_BY` tie, like the founders.
 */
function addCrownings(clan: ClanContext, roster: ClanRoster): void {
  const { random, records } = clan
  const thieves: ThiefRef[] = roster.thieves
    .map((thief) => ({ id: thief.id, crownedDay: roster.crownedDays.get(thief.id) ?? RECORDS_TO }))
    .sort((a, b) => a.crownedDay - b.crownedDay)
  const candidates = [...clan.network.thieves]

  for (const thief of thieves) {
    const seniors = candidates.filter(
      (candidate) => candidate.crownedDay + CROWNER_SENIORITY_DAYS <= thief.crownedDay,
    )
    const crowners = random.sample(seniors, random.integer(1, 3))
    const properties = { date: isoDateOf(thief.crownedDay), place: random.pick(CROWNING_CITIES) }
    for (const crowner of crowners) {
      records.addRelationship('CROWNED_BY', thief.id, crowner.id, properties, clanProvenance(clan))
    }
    candidates.push(thief)
  }
}

function addAssociations(clan: ClanContext, roster: ClanRoster): void {
  const { random } = clan
  const ranked = [...roster.thieves, ...roster.authorities, ...roster.members]

  for (const authority of roster.authorities) {
    associate(clan, authority, random.pick(roster.thieves), 'criminal')
  }
  for (const member of roster.members) {
    const other = random.pick(ranked)
    if (other.id !== member.id) {
      const kind = random.pickWeighted([
        ['criminal', 5],
        ['prison', 2],
        ['friendship', 2],
        ['family', 1],
      ])
      associate(clan, member, other, kind)
    }
  }
  for (const associateRef of roster.associates) {
    const kind = {
      relative: 'family',
      nominee: 'business',
      official: 'corruption',
      business: 'business',
    }[associateRef.associateKind ?? 'business']
    for (const other of random.sample(ranked, random.integer(1, 3))) {
      associate(clan, associateRef, other, kind)
    }
  }
}

/** Links one to three of the clan's thieves and authorities to notables of earlier clans. */
function addCrossClanTies(clan: ClanContext, roster: ClanRoster): void {
  const { random } = clan
  const notables = clan.network.notables
  if (notables.length === 0) {
    return
  }
  const brokers = random.sample([...roster.thieves, ...roster.authorities], random.integer(1, 3))
  for (const broker of brokers) {
    for (const otherId of random.sample(notables, random.integer(1, 2))) {
      const kind = random.pickWeighted([
        ['criminal', 4],
        ['business', 3],
        ['prison', 2],
      ])
      addAssociation(clan, broker.id, otherId, kind, addYears(broker.birthDay, 18))
    }
  }
}

function associate(clan: ClanContext, person: PersonRef, other: PersonRef, kind: string): void {
  const adult = Math.max(addYears(person.birthDay, 18), addYears(other.birthDay, 18))
  addAssociation(clan, person.id, other.id, kind, adult)
}

function addAssociation(
  clan: ClanContext,
  sourceId: string,
  targetId: string,
  kind: string,
  earliestDay: number,
): void {
  const since = randomDay(clan.random, Math.min(earliestDay, RECORDS_TO), RECORDS_TO)
  const properties = {
    kind,
    weight: rounded(clan.random.float(0.1, 1)),
    since: isoDateOf(since),
  }
  clan.records.addRelationship('ASSOCIATE_OF', sourceId, targetId, properties, clanProvenance(clan))
}

/**
 * Adds meetings between the clan's thieves, with some authorities and with a thief of an
 * earlier clan, and calls from members to authorities and from authorities to thieves.
 */
function addSurveillance(clan: ClanContext, roster: ClanRoster): void {
  const { random } = clan
  const { thieves, authorities, members, associates } = roster

  for (let i = 0; i < thieves.length; i++) {
    for (let j = i + 1; j < thieves.length; j++) {
      addContact(clan, 'MET', thieves[i] as PersonRef, thieves[j] as PersonRef, 25)
    }
  }
  for (const authority of authorities) {
    if (random.chance(0.4)) {
      addContact(clan, 'MET', authority, random.pick(thieves), 15)
    }
    addContact(clan, 'CALLED', authority, random.pick(thieves), 600)
  }
  for (const member of members) {
    if (authorities.length > 0 && random.chance(0.6)) {
      addContact(clan, 'CALLED', member, random.pick(authorities), 400)
    }
  }
  for (const associateRef of associates) {
    if (members.length > 0 && random.chance(0.3)) {
      addContact(clan, 'CALLED', associateRef, random.pick(members), 60)
    }
  }
  for (const outsider of random.sample(clan.network.thieves, random.integer(1, 2))) {
    const properties = contactProperties(clan, 10)
    clan.records.addRelationship(
      'MET',
      random.pick(thieves).id,
      outsider.id,
      properties,
      clanProvenance(clan),
    )
  }
}

function addContact(
  clan: ClanContext,
  type: 'MET' | 'CALLED',
  person: PersonRef,
  other: PersonRef,
  maxCount: number,
): void {
  const properties = contactProperties(clan, maxCount)
  clan.records.addRelationship(type, person.id, other.id, properties, clanProvenance(clan))
}

/** Returns a `count` (an integer, so a bigint) and the day of the last recorded contact. */
function contactProperties(clan: ClanContext, maxCount: number) {
  return {
    count: BigInt(clan.random.integer(1, maxCount)),
    lastOn: isoDateOf(randomDay(clan.random, TRANSFERS_FROM, TRANSFERS_TO)),
  }
}

/** Adds the clan's thieves and authorities to the bounded cross-clan lists. */
function rememberNotables(clan: ClanContext, roster: ClanRoster): void {
  const network = clan.network
  for (const thief of roster.thieves) {
    network.thieves.push({ id: thief.id, crownedDay: roster.crownedDays.get(thief.id) ?? RECORDS_TO })
  }
  for (const person of [...roster.thieves, ...roster.authorities]) {
    network.notables.push(person.id)
  }
  trimToRecent(network.thieves)
  trimToRecent(network.notables)
}
