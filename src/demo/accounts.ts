/**
 * Bank accounts of the demo network and the `HOLDS` ties to their holders. Every account
 * is opened before the first transfer of the network, so no transfer predates its account.
 */
import { dayOf, isoDateOf, randomDay, TRANSFERS_FROM } from './calendar.js'
import {
  clanProvenance,
  companyHolder,
  personHolder,
  type AccountRef,
  type ClanBase,
  type ClanContext,
  type Holder,
  type PersonRef,
} from './context.js'
import { drawAccountCurrency, drawAccountNumber, pickBank, pickOffshoreBank, type Bank } from './banks.js'

const OPENED_FROM = dayOf(2008, 1, 1)

/** Kind of holder an account request draws from. `person` means members and associates only. */
export type HolderFilter = 'shell' | 'front' | 'legitimate' | 'business' | 'person'

/**
 * Opens an account for `holder` and adds its `HOLDS` tie. Without `currency`, the currency
 * follows the bank's country. Shell companies and funds bank in a banking centre such as
 * Cyprus or Latvia, unless the currency is national (RUB, GEL, AED). Accounts of persons and companies
 * join `clan.accounts`; the caller keeps fund accounts.
 */
export function openAccount(clan: ClanBase, holder: Holder, currency?: string): AccountRef {
  const { random, records } = clan
  let bank: Bank
  let chosenCurrency: string
  const offshore = holder.category === 'shell' || holder.type === 'fund'
  if (offshore && (currency === undefined || currency === 'EUR' || currency === 'USD')) {
    bank = pickOffshoreBank(random)
    chosenCurrency = currency ?? drawAccountCurrency(random, bank.country)
  } else {
    chosenCurrency = currency ?? drawAccountCurrency(random, holder.country)
    bank = pickBank(random, holder.country, chosenCurrency)
  }
  const number = drawAccountNumber(random, bank, chosenCurrency, holder.type)
  const openedDay = randomDay(random, OPENED_FROM, TRANSFERS_FROM - 1)
  const properties = {
    number,
    bank: bank.name,
    currency: chosenCurrency,
    country: bank.country,
    openedOn: isoDateOf(openedDay),
  }

  const id = records.addNode('Account', number, properties, clanProvenance(clan))
  records.addRelationship('HOLDS', holder.id, id, { since: isoDateOf(openedDay) }, clanProvenance(clan))
  const account: AccountRef = { id, currency: chosenCurrency, holder }
  if (holder.type !== 'fund') {
    clan.accounts.push(account)
  }
  return account
}

/** Opens the everyday accounts of the clan's persons and companies. */
export function addAccounts(clan: ClanContext): void {
  const { random } = clan
  const personShare = (person: PersonRef): number => {
    switch (person.associateKind ?? person.status) {
      case 'thief-in-law':
      case 'authority':
      case 'nominee':
        return 1
      case 'member':
        return 0.5
      case 'business':
        return 0.4
      default:
        return 0.25
    }
  }
  for (const person of clan.persons) {
    if (random.chance(personShare(person))) {
      const count = person.status === 'member' || person.status === 'associate' ? 1 : random.integer(1, 2)
      for (let i = 0; i < count; i++) {
        openAccount(clan, personHolder(person))
      }
    }
  }
  for (const company of clan.companies) {
    const count = company.kind === 'shell' ? random.integer(1, 3) : random.integer(1, 2)
    for (let i = 0; i < count; i++) {
      openAccount(clan, companyHolder(company))
    }
  }
}

export interface AccountRequest {
  holders: HolderFilter
  currency: string
  count: number
  /** Account ids that must not be returned, e.g. the other end of a pattern. */
  exclude?: ReadonlySet<string>
}

/**
 * Returns `count` distinct accounts in `currency` held by the requested kind of holder,
 * preferring one account per holder. When the clan has too few, it opens new ones, as a
 * launderer opens accounts for a scheme. A holder gets a second account in the request
 * only when every eligible holder already has one.
 */
export function takeAccounts(clan: ClanContext, request: AccountRequest): AccountRef[] {
  const { random } = clan
  const exclude = request.exclude ?? new Set<string>()
  const holders = eligibleHolders(clan, request.holders)
  const eligible = new Set(holders.map((holder) => holder.id))
  const chosen: AccountRef[] = []
  const usedHolders = new Set<string>()

  for (const account of random.shuffle(clan.accounts)) {
    if (chosen.length === request.count) {
      break
    }
    const fits =
      account.currency === request.currency &&
      eligible.has(account.holder.id) &&
      !exclude.has(account.id) &&
      !usedHolders.has(account.holder.id)
    if (fits) {
      chosen.push(account)
      usedHolders.add(account.holder.id)
    }
  }
  for (const holder of random.shuffle(holders)) {
    if (chosen.length === request.count) {
      break
    }
    if (!usedHolders.has(holder.id)) {
      chosen.push(openAccount(clan, holder, request.currency))
      usedHolders.add(holder.id)
    }
  }
  while (chosen.length < request.count) {
    chosen.push(openAccount(clan, random.pick(holders), request.currency))
  }
  return chosen
}

function eligibleHolders(clan: ClanContext, filter: HolderFilter): Holder[] {
  if (filter === 'person') {
    return clan.persons
      .filter((person) => person.status === 'member' || person.status === 'associate')
      .map(personHolder)
  }
  const kinds = filter === 'business' ? ['front', 'legitimate'] : [filter]
  return clan.companies.filter((company) => kinds.includes(company.kind)).map(companyHolder)
}
