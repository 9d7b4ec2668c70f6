/**
 * Notices and diffusions about the clan's persons, linked by `SUBJECT_OF`.
 *
 * Kind and colour are drawn together, weighted by what the analysis project on Eurasian
 * organised crime reported in force in March 2024. Notices: 476 red, 647 green, 24 blue
 * and 1 yellow. Diffusions: 376 red, 120 green and 1,156 blue. The report gives no colour
 * for the other 9 diffusions, so they are split evenly over black, orange and purple here
 * as an assumption.
 */
import type { Properties } from '../model/records.js'
import type { NOTICE_COLOURS, NOTICE_KINDS } from '../model/schema.js'
import { addYears, dayOf, isoDateOf, randomDay, RECORDS_TO, yearOf } from './calendar.js'
import { clanProvenance, type ClanContext, type PersonRef, type PersonStatus } from './context.js'
import { CONTRIBUTING_NCBS } from './places.js'

type NoticeKind = (typeof NOTICE_KINDS)[number]
type NoticeColour = (typeof NOTICE_COLOURS)[number]

const KIND_AND_COLOUR_WEIGHTS: readonly (readonly [readonly [NoticeKind, NoticeColour], number])[] = [
  [['notice', 'red'], 476],
  [['notice', 'green'], 647],
  [['notice', 'blue'], 24],
  [['notice', 'yellow'], 1],
  [['diffusion', 'red'], 376],
  [['diffusion', 'green'], 120],
  [['diffusion', 'blue'], 1156],
  [['diffusion', 'black'], 3],
  [['diffusion', 'orange'], 3],
  [['diffusion', 'purple'], 3],
]

/** Share of persons of each status who are the subject of at least one notice or diffusion. */
const SUBJECT_SHARE: Record<PersonStatus, number> = {
  'thief-in-law': 0.7,
  authority: 0.4,
  member: 0.15,
  associate: 0.05,
  unknown: 0,
}

/** Offences named on red, green, orange and purple notices, by group activity. */
const OFFENCES: Record<string, string> = {
  'drug trafficking': 'drug trafficking',
  'human trafficking': 'trafficking in human beings',
  'vehicle trafficking': 'trafficking in stolen vehicles',
  'firearms trafficking': 'illicit trafficking in firearms',
  'contract killing': 'murder',
  extortion: 'extortion',
  'financial crime': 'fraud',
  'money laundering': 'money laundering',
}

const WITH_OFFENCE = new Set<NoticeColour>(['red', 'green', 'orange', 'purple'])

const EARLIEST_NOTICE = dayOf(2008, 1, 1)

/** Adds notices and diffusions about the clan's persons. */
export function addNotices(clan: ClanContext): void {
  const { random } = clan
  for (const person of clan.persons) {
    if (!random.chance(SUBJECT_SHARE[person.status])) {
      continue
    }
    addNotice(clan, person, random.pickWeighted(KIND_AND_COLOUR_WEIGHTS))
    if (random.chance(0.2)) {
      addNotice(clan, person, random.pickWeighted(KIND_AND_COLOUR_WEIGHTS))
    }
  }
}

/**
 * Adds one notice of each colour the network has not emitted yet. The generator calls it
 * for the first clan, so that even a small network has every colour, though some are rare.
 */
export function addMissingColours(clan: ClanContext): void {
  for (const [[kind, colour]] of KIND_AND_COLOUR_WEIGHTS) {
    if (!clan.network.noticeColours.has(colour)) {
      addNotice(clan, clan.random.pick(clan.persons), [kind, colour])
    }
  }
}

function addNotice(
  clan: ClanContext,
  person: PersonRef,
  [kind, colour]: readonly [NoticeKind, NoticeColour],
): void {
  const { random, records } = clan
  const issuedDay = randomDay(random, Math.max(EARLIEST_NOTICE, addYears(person.birthDay, 18)), RECORDS_TO)
  const status = random.pickWeighted([
    ['active', 80],
    ['cancelled', 8],
    ['expired', 12],
  ])
  const issuedBy = random.chance(0.75) ? random.pick(clan.contributors) : random.pick(CONTRIBUTING_NCBS)
  const properties: Properties = {
    kind,
    colour,
    status,
    issuedAt: isoDateOf(issuedDay),
    issuedBy,
  }
  if (WITH_OFFENCE.has(colour)) {
    properties.offence = OFFENCES[random.pick(clan.activities)] ?? 'participation in a criminal organisation'
  }
  const sequence = String(records.issuedCount('notice') + 1).padStart(5, '0')
  const colourName = colour.charAt(0).toUpperCase() + colour.slice(1)
  const name = `${colourName} ${kind} ${yearOf(issuedDay)}/${sequence}`
  const noticeId = records.addNode('Notice', name, properties, clanProvenance(clan))
  records.addRelationship('SUBJECT_OF', person.id, noticeId, {}, clanProvenance(clan))
  clan.network.noticeColours.add(colour)
}
