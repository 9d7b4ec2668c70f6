/**
 * Laundering patterns planted in every clan, so that detectors can be scored. Each planted
 * transfer carries `pattern`, `patternId` and `patternStep`, and an asset bought at the end
 * of a layering chain carries the chain's `patternId`. The shapes:
 *
 * - layering: fund account → 3-6 shell accounts → a legitimate company, one hop every 0-2
 *   days, each amount the previous one less a fee of 0.2-2.5%. The company is the seller of
 *   an asset the last shell buys, or receives the money as an investment.
 * - cycle: a company account → 2-5 shell accounts → back to the same account, 1-5 days a
 *   hop. Fees take less than `CYCLE_TOLERANCE` of the amount sent before it returns.
 * - fan-in (smurfing): 12-30 members or associates each pay less than `SMURFING_LIMIT` into
 *   one front company or fund account within `FAN_IN_WINDOW_DAYS`.
 * - fan-out: one shell account pays 10-25 members or associates within `FAN_OUT_WINDOW_DAYS`.
 * - scatter-gather: one account splits an amount over 4-8 intermediate accounts (step 1),
 *   each of which forwards its part less a fee to one company account 1-5 days later (step 2).
 * - gather-scatter: 5-8 members or associates pay one shell account within 3 days (step 1),
 *   which pays what it gathered, less a fee, to 5-8 company accounts over the next 4 days
 *   (step 2).
 * - bipartite: each of 5-7 members or associates pays each of 5-7 shell accounts within
 *   `BIPARTITE_WINDOW_DAYS` (step 1).
 * - stack: each of 5-6 members or associates pays each of 5-6 shell accounts within 4 days
 *   (step 1). Then each shell pays what it received, less a fee, to each of 5-6 company
 *   accounts within the next 6 days (step 2).
 */
import { takeAccounts } from './accounts.js'
import { deductFee, drawAmount, splitAmount } from './amounts.js'
import { addAsset, drawPurchase } from './assets.js'
import { randomDay, TRANSFERS_FROM, TRANSFERS_TO } from './calendar.js'
import type { AccountRef, ClanContext } from './context.js'
import {
  addTransfer,
  drawReference,
  type PatternMark,
  type PlantedPattern,
  type ReferencePurpose,
} from './transfers.js'

/** Largest share of the amount sent that a cycle may lose to fees before it returns. */
export const CYCLE_TOLERANCE = 0.05

/**
 * Every smurfed payment stays below this many major units of its currency, a common
 * reporting threshold (US banks report cash transactions over USD 10,000).
 */
export const SMURFING_LIMIT = 10_000

export const FAN_IN_WINDOW_DAYS = 7
export const FAN_OUT_WINDOW_DAYS = 5
export const BIPARTITE_WINDOW_DAYS = 10

/** Currencies of planted patterns. Every fund has an account in each. */
const PATTERN_CURRENCIES = ['EUR', 'USD'] as const

/** Plants one or two layering chains and one of each other pattern in the clan. */
export function plantPatterns(clan: ClanContext): void {
  const layerings = clan.random.chance(0.5) ? 2 : 1
  for (let i = 0; i < layerings; i++) {
    plantLayering(clan)
  }
  plantCycle(clan)
  plantFanIn(clan)
  plantFanOut(clan)
  plantScatterGather(clan)
  plantGatherScatter(clan)
  plantBipartite(clan)
  plantStack(clan)
}

function plantLayering(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'layering')
  const currency = random.pick(PATTERN_CURRENCIES)
  const shells = takeAccounts(clan, { holders: 'shell', currency, count: random.integer(3, 6) })
  const [seller] = takeAccounts(clan, { holders: 'legitimate', currency, count: 1 })
  const path = [fundAccount(clan, currency), ...shells, seller as AccountRef]
  const buysAsset = random.chance(0.6)

  let day = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - 30)
  let amount = drawAmount(random, currency, 150_000, 3_000_000, 1_000)
  for (let step = 1; step < path.length; step++) {
    const last = step === path.length - 1
    const purpose: ReferencePurpose = !last
      ? random.pick(['loan', 'consulting', 'trade'] as const)
      : buysAsset
        ? 'purchase'
        : 'investment'
    const reference = drawReference(random, purpose, day)
    addTransfer(clan, path[step - 1] as AccountRef, path[step] as AccountRef, amount, day, reference, {
      ...mark,
      step,
    })
    if (!last) {
      day += random.integer(0, 2)
      amount = deductFee(amount, random.integer(20, 250))
    }
  }
  if (buysAsset) {
    const purchase = drawPurchase(clan, random.pick(['real-estate', 'yacht', 'aircraft'] as const))
    const buyer = (shells[shells.length - 1] as AccountRef).holder.id
    addAsset(clan, [[buyer, 1]], {
      ...purchase,
      value: amount,
      currency,
      acquiredDay: day,
      patternId: mark.patternId,
    })
  }
}

function plantCycle(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'cycle')
  const currency = random.pick(PATTERN_CURRENCIES)
  const [origin] = takeAccounts(clan, { holders: 'business', currency, count: 1 })
  const shells = takeAccounts(clan, { holders: 'shell', currency, count: random.integer(2, 5) })
  const path = [origin as AccountRef, ...shells, origin as AccountRef]

  let day = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - 40)
  let amount = drawAmount(random, currency, 100_000, 2_000_000, 500)
  for (let step = 1; step < path.length; step++) {
    const reference = drawReference(random, random.pick(['loan', 'trade', 'investment'] as const), day)
    addTransfer(clan, path[step - 1] as AccountRef, path[step] as AccountRef, amount, day, reference, {
      ...mark,
      step,
    })
    day += random.integer(1, 5)
    // At most 6 hops of at most 0.8% each lose under 4.8%, inside CYCLE_TOLERANCE.
    amount = deductFee(amount, random.integer(0, 80))
  }
}

function plantFanIn(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'fan-in')
  const currency = random.pick(PATTERN_CURRENCIES)
  const target = random.chance(0.7)
    ? (takeAccounts(clan, { holders: 'front', currency, count: 1 })[0] as AccountRef)
    : fundAccount(clan, currency)
  const sources = takeAccounts(clan, { holders: 'person', currency, count: random.integer(12, 30) })

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - FAN_IN_WINDOW_DAYS)
  const largest = SMURFING_LIMIT - 100
  for (const source of sources) {
    const day = start + random.integer(0, FAN_IN_WINDOW_DAYS - 1)
    const amount = drawAmount(random, currency, 7_000, largest, 50)
    addTransfer(clan, source, target, amount, day, drawReference(random, 'cash', day), { ...mark, step: 1 })
  }
}

function plantFanOut(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'fan-out')
  const currency = random.pick(PATTERN_CURRENCIES)
  const [source] = takeAccounts(clan, { holders: 'shell', currency, count: 1 })
  const targets = takeAccounts(clan, { holders: 'person', currency, count: random.integer(10, 25) })

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - FAN_OUT_WINDOW_DAYS)
  for (const target of targets) {
    const day = start + random.integer(0, FAN_OUT_WINDOW_DAYS - 1)
    const amount = drawAmount(random, currency, 3_000, 45_000, 10)
    const reference = drawReference(random, random.pick(['salary', 'consulting', 'loan'] as const), day)
    addTransfer(clan, source as AccountRef, target, amount, day, reference, { ...mark, step: 1 })
  }
}

function plantScatterGather(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'scatter-gather')
  const currency = random.pick(PATTERN_CURRENCIES)
  const source = random.chance(0.5)
    ? fundAccount(clan, currency)
    : (takeAccounts(clan, { holders: 'shell', currency, count: 1 })[0] as AccountRef)
  const [target] = takeAccounts(clan, { holders: 'business', currency, count: 1 })
  const width = random.integer(4, 8)
  const shellCount = random.integer(2, width)
  const exclude = new Set([source.id, (target as AccountRef).id])
  const intermediates = [
    ...takeAccounts(clan, { holders: 'shell', currency, count: shellCount, exclude }),
    ...takeAccounts(clan, { holders: 'person', currency, count: width - shellCount, exclude }),
  ]

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - 10)
  const total = drawAmount(random, currency, 200_000, 2_000_000, 1_000)
  const parts = splitAmount(random, total, intermediates.length)
  intermediates.forEach((intermediate, i) => {
    const part = parts[i] as bigint
    const scatterDay = start + random.integer(0, 2)
    const gatherDay = scatterDay + random.integer(1, 5)
    const forwarded = deductFee(part, random.integer(50, 300))
    addTransfer(clan, source, intermediate, part, scatterDay, drawReference(random, 'loan', scatterDay), {
      ...mark,
      step: 1,
    })
    addTransfer(clan, intermediate, target as AccountRef, forwarded, gatherDay, drawReference(random, 'trade', gatherDay), {
      ...mark,
      step: 2,
    })
  })
}

function plantGatherScatter(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'gather-scatter')
  const currency = random.pick(PATTERN_CURRENCIES)
  const [hub] = takeAccounts(clan, { holders: 'shell', currency, count: 1 }) as [AccountRef]
  const sources = takeAccounts(clan, { holders: 'person', currency, count: random.integer(5, 8) })
  const targets = takeAccounts(clan, { holders: 'business', currency, count: random.integer(5, 8) })

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - 10)
  let gathered = 0n
  for (const source of sources) {
    const day = start + random.integer(0, 2)
    const amount = drawAmount(random, currency, 5_000, 40_000, 100)
    gathered += amount
    addTransfer(clan, source, hub, amount, day, drawReference(random, 'loan', day), { ...mark, step: 1 })
  }
  const parts = splitAmount(random, deductFee(gathered, random.integer(50, 300)), targets.length)
  targets.forEach((target, i) => {
    const day = start + random.integer(3, 6)
    const reference = drawReference(random, random.pick(['trade', 'consulting'] as const), day)
    addTransfer(clan, hub, target, parts[i] as bigint, day, reference, { ...mark, step: 2 })
  })
}

function plantBipartite(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'bipartite')
  const currency = random.pick(PATTERN_CURRENCIES)
  const payers = takeAccounts(clan, { holders: 'person', currency, count: random.integer(5, 7) })
  const payees = takeAccounts(clan, { holders: 'shell', currency, count: random.integer(5, 7) })

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - BIPARTITE_WINDOW_DAYS)
  for (const payer of payers) {
    for (const payee of payees) {
      const day = start + random.integer(0, BIPARTITE_WINDOW_DAYS - 1)
      const amount = drawAmount(random, currency, 2_000, SMURFING_LIMIT - 100, 50)
      addTransfer(clan, payer, payee, amount, day, drawReference(random, 'consulting', day), { ...mark, step: 1 })
    }
  }
}

function plantStack(clan: ClanContext): void {
  const { random } = clan
  const mark = newMark(clan, 'stack')
  const currency = random.pick(PATTERN_CURRENCIES)
  const first = takeAccounts(clan, { holders: 'person', currency, count: random.integer(5, 6) })
  const middle = takeAccounts(clan, { holders: 'shell', currency, count: random.integer(5, 6) })
  const last = takeAccounts(clan, { holders: 'business', currency, count: random.integer(5, 6) })

  const start = randomDay(random, TRANSFERS_FROM, TRANSFERS_TO - 10)
  for (const shell of middle) {
    let received = 0n
    for (const payer of first) {
      const day = start + random.integer(0, 3)
      const amount = drawAmount(random, currency, 3_000, 9_000, 50)
      received += amount
      addTransfer(clan, payer, shell, amount, day, drawReference(random, 'loan', day), { ...mark, step: 1 })
    }
    const parts = splitAmount(random, deductFee(received, random.integer(50, 300)), last.length)
    last.forEach((payee, i) => {
      const day = start + random.integer(4, 9)
      addTransfer(clan, shell, payee, parts[i] as bigint, day, drawReference(random, 'trade', day), { ...mark, step: 2 })
    })
  }
}

function newMark(clan: ClanContext, pattern: PlantedPattern): Omit<PatternMark, 'step'> {
  return { pattern, patternId: clan.records.nextId(pattern) }
}

function fundAccount(clan: ClanContext, currency: string): AccountRef {
  const account = clan.fund.accounts.find((candidate) => candidate.currency === currency)
  if (account === undefined) {
    throw new RangeError(`Demo fund ${clan.fund.id} has no ${currency} account`)
  }
  return account
}
