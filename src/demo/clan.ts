/**
 * One clan of the demo network, generated in one pass: the group and where it operates,
 * its share of an obshak, persons and their ties, notices, companies, accounts, assets,
 * everyday transfers and planted laundering patterns. Each clan draws from its own random
 * stream, so its records depend only on the seed, its index and the cross-clan state.
 */
import { addAccounts } from './accounts.js'
import { addAssets } from './assets.js'
import { dayOf, isoDateOf, randomDay, RECORDS_TO } from './calendar.js'
import { clanProvenance, type ClanBase, type ClanContext, type NetworkState } from './context.js'
import { addCompanies } from './companies.js'
import { linkFund, openFund } from './funds.js'
import { locationIdOf } from './locations.js'
import { ORIGINS, pickSurname, type Origin } from './names.js'
import { addMissingColours, addNotices } from './notices.js'
import { plantPatterns } from './patterns.js'
import { addPersons } from './people.js'
import { OPERATING_PLACES, PLACES } from './places.js'
import { createRandom } from './random.js'
import { addTies } from './ties.js'
import { addBackgroundTransfers } from './transfers.js'

export const ACTIVITIES = [
  'drug trafficking',
  'human trafficking',
  'vehicle trafficking',
  'firearms trafficking',
  'contract killing',
  'extortion',
  'financial crime',
  'money laundering',
] as const

/** Estimated share of clans by country of origin, Georgian clans being the most numerous. */
const ORIGIN_WEIGHTS: readonly (readonly [Origin, number])[] = [
  ['GE', 35],
  ['RU', 25],
  ['AM', 15],
  ['AZ', 12],
  ['UA', 13],
]

/** Number of consecutive clans that pay into one obshak. */
export const CLANS_PER_FUND = 3

export interface ClanPlan {
  index: number
  personCount: number
  clanCount: number
}

/** Adds every record of one clan to the network's record buffer. */
export function generateClan(network: NetworkState, plan: ClanPlan): void {
  const random = createRandom(network.seed, 'clan', plan.index)
  const origin = random.pickWeighted(ORIGIN_WEIGHTS)
  const home = random.pick(PLACES.filter((place) => place.country === origin))
  const abroad = random.sample(
    OPERATING_PLACES.filter((place) => place.country !== origin),
    random.integer(2, 4),
  )
  const activities = new Set<string>(random.sample(ACTIVITIES, random.integer(2, 5)))
  // Every clan launders: its money feeds the obshak and the planted patterns.
  activities.add('money laundering')
  const leaderSurname = pickSurname(random, origin)
  const base: ClanBase = {
    index: plan.index,
    random,
    network,
    records: network.records,
    origin,
    home,
    abroad,
    activities: [...activities],
    foundedDay: randomDay(random, dayOf(1990, 1, 1), dayOf(2015, 12, 31)),
    contributors: [home.country, home.country, ...abroad.map((place) => place.country)],
    persons: [],
    companies: [],
    accounts: [],
  }
  const groupId = addGroup(base, leaderSurname.latin, leaderSurname.cyrillic)
  let fund = network.fund
  if (plan.index % CLANS_PER_FUND === 0 || fund === null) {
    const payingClans = Math.min(CLANS_PER_FUND, plan.clanCount - plan.index)
    fund = openFund(base, payingClans, leaderSurname)
    network.fund = fund
  }
  const clan: ClanContext = { ...base, groupId, fund }

  const roster = addPersons(clan, plan.personCount, leaderSurname)
  addTies(clan, roster)
  linkFund(clan, roster)
  addNotices(clan)
  if (plan.index === 0) {
    addMissingColours(clan)
  }
  addCompanies(clan, roster)
  addAccounts(clan)
  addAssets(clan, roster)
  addBackgroundTransfers(clan)
  plantPatterns(clan)
}

function addGroup(clan: ClanBase, surname: string, surnameCyrillic: string): string {
  const { random, records } = clan
  const properties = {
    kind: 'clan',
    activities: clan.activities,
    founded: isoDateOf(clan.foundedDay),
    aliases: [`Клан ${surnameCyrillic}`],
  }
  const groupId = records.addNode('Group', `${surname} clan`, properties, clanProvenance(clan))
  for (const [i, place] of [clan.home, ...clan.abroad].entries()) {
    const since = i === 0 ? clan.foundedDay : randomDay(random, clan.foundedDay, RECORDS_TO)
    const operation = { activity: random.pick(clan.activities), since: isoDateOf(since) }
    records.addRelationship(
      'OPERATES_IN',
      groupId,
      locationIdOf(clan.network, place),
      operation,
      clanProvenance(clan),
    )
  }
  return groupId
}
