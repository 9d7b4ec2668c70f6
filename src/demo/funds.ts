/**
 * The obshak: a common fund that several clans pay into, managed by a treasurer of each
 * clan and kept by its leading thieves.
 */
import { addYears, isoDateOf, randomDay, RECORDS_TO } from './calendar.js'
import { openAccount } from './accounts.js'
import {
  clanProvenance,
  rounded,
  type ClanBase,
  type ClanContext,
  type FundRef,
  type Holder,
} from './context.js'
import type { Spelling } from './names.js'
import type { ClanRoster } from './people.js'

/** Currencies of the fund's accounts; planted patterns need EUR and USD. */
const FUND_CURRENCIES = ['EUR', 'USD', 'RUB', 'GEL'] as const

/** Opens a fund named after the founding clan's leader, with its accounts. */
export function openFund(clan: ClanBase, clanCount: number, leaderSurname: Spelling): FundRef {
  const { random, records } = clan
  const established = addYears(clan.foundedDay, random.float(0, 5))
  const properties = {
    kind: 'obshak',
    established: isoDateOf(Math.min(established, RECORDS_TO)),
    aliases: [`Общак ${leaderSurname.cyrillic}`],
  }
  const id = records.addNode('Fund', `${leaderSurname.latin} obshak`, properties, clanProvenance(clan))
  const holder: Holder = { id, type: 'fund', category: 'obshak', country: clan.home.country }
  const currencies: string[] = [...FUND_CURRENCIES]
  if (random.chance(0.5)) {
    currencies.push('AED')
  }
  const accounts = currencies.map((currency) => openAccount(clan, holder, currency))
  return { id, accounts, clanCount }
}

/** Adds the clan's treasurer as a manager of the fund and its leader as a keeper. */
export function linkFund(clan: ClanContext, roster: ClanRoster): void {
  const { random, records, fund } = clan
  const treasurer = roster.authorities[0]
  const leader = roster.thieves[0]
  if (treasurer !== undefined) {
    const since = randomDay(random, Math.max(clan.foundedDay, addYears(treasurer.birthDay, 25)), RECORDS_TO)
    const management = { role: 'treasurer', since: isoDateOf(since) }
    records.addRelationship('MANAGES', treasurer.id, fund.id, management, clanProvenance(clan))
  }
  if (leader !== undefined) {
    const control = { role: 'keeper', share: rounded(1 / fund.clanCount, 4) }
    records.addRelationship('CONTROLS', leader.id, fund.id, control, clanProvenance(clan))
  }
}
