/**
 * `TRANSFER` relationships between accounts: the helper that writes one, and the everyday
 * money flows of a clan that no detector should flag as a planted pattern (contributions
 * to the obshak, trade between companies, salaries, support paid out of the fund).
 */
import { formatAmount } from '../model/money.js'
import type { Properties } from '../model/records.js'
import { drawAmount } from './amounts.js'
import { isoDateOf, randomDay, TRANSFERS_FROM, TRANSFERS_TO, yearOf } from './calendar.js'
import { clanProvenance, type AccountRef, type ClanContext } from './context.js'
import type { Random } from './random.js'

/** Laundering patterns that the generator plants and marks on their transfers. */
export const PLANTED_PATTERNS = [
  'layering',
  'cycle',
  'fan-in',
  'fan-out',
  'scatter-gather',
  'gather-scatter',
  'bipartite',
  'stack',
] as const
export type PlantedPattern = (typeof PLANTED_PATTERNS)[number]

/** Ground truth written on a planted transfer: `pattern`, `patternId` and `patternStep`. */
export interface PatternMark {
  pattern: PlantedPattern
  patternId: string
  /** 1-based position in the pattern: the hop of a chain, or the leg or layer of a two-step pattern. */
  step: number
}

export type ReferencePurpose =
  | 'trade'
  | 'contribution'
  | 'salary'
  | 'support'
  | 'loan'
  | 'consulting'
  | 'investment'
  | 'purchase'
  | 'cash'

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
]

/** Adds a transfer of `amount` minor units of the source account's currency. */
export function addTransfer(
  clan: ClanContext,
  from: AccountRef,
  to: AccountRef,
  amount: bigint,
  day: number,
  reference: string,
  mark?: PatternMark,
): void {
  if (from.currency !== to.currency || from.id === to.id) {
    throw new RangeError(
      `Invalid demo transfer from ${from.id} (${from.currency}) to ${to.id} (${to.currency}): ` +
        'expected two different accounts in one currency',
    )
  }
  const properties: Properties = {
    amount: formatAmount(amount, from.currency),
    amountMinor: amount,
    currency: from.currency,
    date: isoDateOf(day),
    reference,
  }
  if (mark !== undefined) {
    properties.pattern = mark.pattern
    properties.patternId = mark.patternId
    properties.patternStep = BigInt(mark.step)
  }
  clan.records.addRelationship('TRANSFER', from.id, to.id, properties, clanProvenance(clan))
}

/** Draws a payment reference of the kind a bank statement shows for `purpose`. */
export function drawReference(random: Random, purpose: ReferencePurpose, day: number): string {
  const year = yearOf(day)
  const shortYear = String(year % 100).padStart(2, '0')
  switch (purpose) {
    case 'trade':
      return random.pick([
        `Invoice ${year}-${random.digits(4)}`,
        `Payment under contract ${random.integer(1, 99)}/${shortYear}`,
        `Delivery of goods, waybill ${random.digits(6)}`,
      ])
    case 'contribution':
      return random.pick(['Gift', 'Family help', 'Repayment of private loan', `Loan ${shortYear}/${random.digits(2)}`])
    case 'salary':
      return random.pick([`Salary ${MONTHS[random.integer(0, 11)]} ${year}`, `Dividend ${year}`, 'Bonus'])
    case 'support':
      return random.pick(['Family support', 'Financial assistance', 'Legal fees', 'Medical treatment'])
    case 'loan':
      return random.pick([`Loan agreement LA-${random.digits(3)}/${year}`, `Repayment of loan LA-${random.digits(3)}`])
    case 'consulting':
      return random.pick([`Consulting services Q${random.integer(1, 4)} ${year}`, `Marketing services ${year}`])
    case 'investment':
      return random.pick([`Capital contribution ${year}`, `Share purchase agreement ${random.digits(3)}/${shortYear}`])
    case 'purchase':
      return `Sale and purchase agreement ${random.digits(4)}/${shortYear}`
    case 'cash':
      return random.pick(['Cash deposit', 'Cash deposit, ATM', 'Own funds'])
  }
}

/** Adds the clan's everyday transfers. Pairs of accounts in different currencies are skipped. */
export function addBackgroundTransfers(clan: ClanContext): void {
  const { random } = clan
  const personAccounts = clan.accounts.filter((account) => account.holder.type === 'person')
  const companyAccounts = clan.accounts.filter((account) => account.holder.type === 'company')
  const tradingAccounts = companyAccounts.filter((account) => account.holder.category !== 'shell')

  // Thieves, authorities and members pay into the obshak.
  for (const account of personAccounts) {
    if (account.holder.category === 'associate') {
      continue
    }
    const fundAccount = clan.fund.accounts.find((candidate) => candidate.currency === account.currency)
    for (let i = random.integer(1, 4); fundAccount !== undefined && i > 0; i--) {
      addEveryday(clan, account, fundAccount, drawAmount(random, account.currency, 500, 25_000, 50), 'contribution')
    }
  }
  for (const account of companyAccounts) {
    for (let i = random.integer(2, 6); i > 0; i--) {
      const partner = pickSameCurrency(random, companyAccounts, account)
      if (partner !== undefined) {
        const purpose = account.holder.category === 'shell' ? 'consulting' : 'trade'
        addEveryday(clan, account, partner, drawAmount(random, account.currency, 2_000, 400_000), purpose)
      }
    }
  }
  for (const account of personAccounts) {
    const employer = pickSameCurrency(random, tradingAccounts, account)
    for (let i = random.integer(0, 3); employer !== undefined && i > 0; i--) {
      addEveryday(clan, employer, account, drawAmount(random, account.currency, 1_500, 12_000), 'salary')
    }
  }
  for (let i = random.integer(2, 6); i > 0 && personAccounts.length > 0; i--) {
    const recipient = random.pick(personAccounts)
    const fundAccount = clan.fund.accounts.find((candidate) => candidate.currency === recipient.currency)
    if (fundAccount !== undefined) {
      addEveryday(clan, fundAccount, recipient, drawAmount(random, recipient.currency, 2_000, 60_000, 100), 'support')
    }
  }
}

function addEveryday(
  clan: ClanContext,
  from: AccountRef,
  to: AccountRef,
  amount: bigint,
  purpose: ReferencePurpose,
): void {
  const day = randomDay(clan.random, TRANSFERS_FROM, TRANSFERS_TO)
  addTransfer(clan, from, to, amount, day, drawReference(clan.random, purpose, day))
}

/** Picks an account of `candidates` in the currency of `account` held by someone else. */
function pickSameCurrency(
  random: Random,
  candidates: readonly AccountRef[],
  account: AccountRef,
): AccountRef | undefined {
  const matching = candidates.filter(
    (candidate) => candidate.currency === account.currency && candidate.holder.id !== account.holder.id,
  )
  return matching.length > 0 ? random.pick(matching) : undefined
}
