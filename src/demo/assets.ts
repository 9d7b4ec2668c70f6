/**
 * Assets where the clan's money comes to rest: real estate, shares, vehicles, yachts,
 * aircraft and artwork, each with an exact value and owned (`OWNS`) by companies or persons.
 */
import { formatAmount } from '../model/money.js'
import type { Properties } from '../model/records.js'
import { drawAmount } from './amounts.js'
import { drawAccountCurrency } from './banks.js'
import { dayOf, isoDateOf, randomDay, RECORDS_TO } from './calendar.js'
import { clanProvenance, rounded, type ClanContext } from './context.js'
import { locationIdOf } from './locations.js'
import type { ClanRoster } from './people.js'
import { PLACES, type Place } from './places.js'
import type { Random } from './random.js'

export const ASSET_KINDS = ['real-estate', 'shares', 'vehicle', 'yacht', 'aircraft', 'artwork'] as const
export type AssetKind = (typeof ASSET_KINDS)[number]

/** Value range in major units and the step values are rounded to. */
const VALUE_RANGES: Record<AssetKind, readonly [number, number, number]> = {
  'real-estate': [250_000, 12_000_000, 5_000],
  shares: [100_000, 5_000_000, 1_000],
  vehicle: [80_000, 450_000, 500],
  yacht: [1_500_000, 40_000_000, 50_000],
  aircraft: [3_000_000, 45_000_000, 50_000],
  artwork: [50_000, 3_000_000, 1_000],
}

const KIND_WEIGHTS: readonly (readonly [AssetKind, number])[] = [
  ['real-estate', 10],
  ['shares', 3],
  ['vehicle', 5],
  ['yacht', 2],
  ['aircraft', 1],
  ['artwork', 2],
]

/** Cities where the network buys property abroad. */
const PRIME_CITIES = new Set([
  'Marbella', 'Barcelona', 'Nice', 'Monaco', 'London', 'Dubai', 'Miami', 'Limassol', 'Vienna',
  'Berlin', 'Athens', 'Tel Aviv', 'Antalya', 'Riga',
])
const PRIME_PLACES = PLACES.filter((place) => PRIME_CITIES.has(place.city))

const PROPERTY_TYPES = ['Villa', 'Apartment', 'Penthouse', 'Hotel', 'Office building', 'Warehouse']
const LISTED_COMPANIES = [
  'Volga Energy PJSC', 'Black Sea Shipping PLC', 'Caspian Minerals PLC', 'Danube Logistics AG',
  'Kolkhida Ports JSC', 'Borjomi Valley Waters JSC',
]
const VEHICLES = [
  'Bentley Continental GT', 'Mercedes-AMG G 63', 'Rolls-Royce Cullinan', 'Range Rover SV',
  'Lamborghini Urus', 'Porsche Cayenne Turbo',
]
const YACHT_NAMES = ['Tamara', 'Silver Wind', 'Kazbek', 'Lady Nino', 'Golden Fleece', 'Argo', 'Medea']
const AIRCRAFT = ['Gulfstream G650', 'Bombardier Global 6000', 'Dassault Falcon 7X', 'Embraer Legacy 650']
const ARTWORK = ['Icon collection', 'Painting', 'Sculpture', 'Antique silver collection']

export interface AssetPurchase {
  kind: AssetKind
  /** Value in minor units of `currency`. */
  value: bigint
  currency: string
  acquiredDay: number
  place: Place
  /** Id of the planted pattern whose money bought the asset, if any. */
  patternId?: string
}

/** Adds an asset with its owners (`OWNS` with `share`) and, for real estate, its location. */
export function addAsset(
  clan: ClanContext,
  owners: readonly (readonly [string, number])[],
  purchase: AssetPurchase,
): string {
  const { records } = clan
  const properties: Properties = {
    kind: purchase.kind,
    value: formatAmount(purchase.value, purchase.currency),
    valueMinor: purchase.value,
    currency: purchase.currency,
    acquiredOn: isoDateOf(purchase.acquiredDay),
  }
  if (purchase.patternId !== undefined) {
    properties.patternId = purchase.patternId
  }
  const id = records.addNode('Asset', describeAsset(clan.random, purchase), properties, clanProvenance(clan))
  for (const [ownerId, share] of owners) {
    const ownership = { share, since: isoDateOf(purchase.acquiredDay) }
    records.addRelationship('OWNS', ownerId, id, ownership, clanProvenance(clan))
  }
  if (purchase.kind === 'real-estate') {
    const location = locationIdOf(clan.network, purchase.place)
    records.addRelationship('LOCATED_IN', id, location, { kind: 'address' }, clanProvenance(clan))
  }
  return id
}

/** Draws an asset of `kind` (random if omitted) in a place where the clan would buy it. */
export function drawPurchase(clan: ClanContext, kind?: AssetKind): AssetPurchase {
  const { random } = clan
  const chosenKind = kind ?? random.pickWeighted(KIND_WEIGHTS)
  const place = random.chance(0.7) ? random.pick(PRIME_PLACES) : random.pick([clan.home, ...clan.abroad])
  const currency = drawAccountCurrency(random, place.country)
  const [min, max, step] = VALUE_RANGES[chosenKind]
  return {
    kind: chosenKind,
    value: drawAmount(random, currency, min, max, step),
    currency,
    place,
    acquiredDay: randomDay(random, dayOf(2012, 1, 1), RECORDS_TO),
  }
}

/** Adds the clan's assets that no planted pattern bought, owned by companies or persons. */
export function addAssets(clan: ClanContext, roster: ClanRoster): void {
  const { random } = clan
  const count = Math.max(3, Math.round(clan.persons.length * 0.08))
  const seniors = [...roster.thieves, ...roster.authorities]
  const relatives = roster.associates.filter((person) => person.associateKind === 'relative')

  for (let i = 0; i < count; i++) {
    const purchase = drawPurchase(clan)
    if (random.chance(0.7)) {
      const company = random.pick(clan.companies)
      addAsset(clan, [[company.id, 1]], purchase)
    } else if (relatives.length > 0 && random.chance(0.4)) {
      // Relatives often hold property for thieves and authorities, alone or jointly.
      const share = rounded(random.float(0.5, 1))
      const owners: [string, number][] = [[random.pick(relatives).id, share]]
      if (share < 1) {
        owners.push([random.pick(seniors).id, rounded(1 - share)])
      }
      addAsset(clan, owners, purchase)
    } else {
      addAsset(clan, [[random.pick(seniors).id, 1]], purchase)
    }
  }
}

function describeAsset(random: Random, purchase: AssetPurchase): string {
  switch (purchase.kind) {
    case 'real-estate':
      return `${random.pick(PROPERTY_TYPES)}, ${purchase.place.city}`
    case 'shares':
      return `${random.integer(3, 25)}% stake in ${random.pick(LISTED_COMPANIES)}`
    case 'vehicle':
      return `${random.pick(VEHICLES)} (${random.integer(2016, 2025)})`
    case 'yacht':
      return `M/Y ${random.pick(YACHT_NAMES)}`
    case 'aircraft':
      return `${random.pick(AIRCRAFT)} ${random.pick(['VP-B', 'M-', 'OE-'])}${random.letters(3)}`
    case 'artwork':
      return `${random.pick(ARTWORK)}, ${random.integer(16, 20)}th century`
  }
}
