/**
 * Company registries of the demo network: legal-form suffixes and the shape of registration
 * numbers per jurisdiction, sectors, and invented company names. In a number template `#`
 * is a random digit and every other character is kept. The templates imitate each
 * registry's usual length and prefix (such as "HE" in Cyprus or "HRB" in Germany) and are
 * not validated against the registries.
 */
import type { Random } from './random.js'

export type DemoCompanyKind = 'legitimate' | 'front' | 'shell'

interface Jurisdiction {
  suffix: string
  registration: string
}

const JURISDICTIONS: Record<string, Jurisdiction> = {
  RU: { suffix: 'OOO', registration: '1############' },
  GE: { suffix: 'LLC', registration: '4########' },
  AM: { suffix: 'LLC', registration: '###.###.######' },
  AZ: { suffix: 'MMC', registration: '##########' },
  UA: { suffix: 'TOV', registration: '########' },
  BY: { suffix: 'OOO', registration: '#########' },
  MD: { suffix: 'SRL', registration: '100#########' },
  PL: { suffix: 'Sp. z o.o.', registration: '00########' },
  CZ: { suffix: 's.r.o.', registration: '########' },
  HU: { suffix: 'Kft.', registration: '01-09-######' },
  BG: { suffix: 'EOOD', registration: '#########' },
  LV: { suffix: 'SIA', registration: '4000#######' },
  LT: { suffix: 'UAB', registration: '30#######' },
  EE: { suffix: 'OÜ', registration: '1#######' },
  GB: { suffix: 'Ltd', registration: '########' },
  SE: { suffix: 'AB', registration: '559###-####' },
  FI: { suffix: 'Oy', registration: '3######-#' },
  DK: { suffix: 'ApS', registration: '########' },
  ES: { suffix: 'S.L.', registration: 'B########' },
  GR: { suffix: 'IKE', registration: '#########' },
  IT: { suffix: 'S.r.l.', registration: '###########' },
  MT: { suffix: 'Ltd', registration: 'C #####' },
  CY: { suffix: 'Ltd', registration: 'HE######' },
  DE: { suffix: 'GmbH', registration: 'HRB ######' },
  AT: { suffix: 'GmbH', registration: 'FN ######' },
  FR: { suffix: 'SARL', registration: '#########' },
  NL: { suffix: 'B.V.', registration: '########' },
  BE: { suffix: 'BV', registration: '0###.###.###' },
  CH: { suffix: 'AG', registration: 'CHE-###.###.###' },
  MC: { suffix: 'SARL', registration: '##S#####' },
  US: { suffix: 'LLC', registration: '#######' },
  CA: { suffix: 'Inc.', registration: 'BC#######' },
  AE: { suffix: 'FZE', registration: 'CN-#######' },
  IL: { suffix: 'Ltd', registration: '51-#######' },
  TR: { suffix: 'Ltd. Şti.', registration: '######' },
  QA: { suffix: 'WLL', registration: '######' },
  VG: { suffix: 'Ltd', registration: '#######' },
  PA: { suffix: 'S.A.', registration: '#######' },
  SC: { suffix: 'Ltd', registration: '######' },
  HK: { suffix: 'Limited', registration: '#######' },
}

/** Jurisdictions where the demo network registers its shell companies. */
export const SHELL_JURISDICTIONS = ['CY', 'VG', 'GB', 'PA', 'SC', 'AE', 'MT', 'HK', 'EE'] as const

/** Sectors of trading companies with the word that names them, e.g. "Kazbek Motors". */
const TRADING_SECTORS: Record<DemoCompanyKind, readonly (readonly [string, string])[]> = {
  legitimate: [
    ['construction', 'Construction'],
    ['hotels', 'Hotels'],
    ['real estate', 'Properties'],
    ['logistics', 'Logistics'],
    ['fuel trading', 'Petroleum'],
    ['scrap metal', 'Metals'],
    ['wholesale food', 'Foods'],
    ['private security', 'Security'],
    ['tourism', 'Travel'],
    ['car dealership', 'Motors'],
  ],
  // Front companies are cash-intensive, so illicit cash can pass as takings.
  front: [
    ['restaurants', 'Restaurants'],
    ['nightclubs', 'Entertainment'],
    ['gaming', 'Gaming'],
    ['car wash', 'Car Wash'],
    ['currency exchange', 'Exchange'],
    ['car dealership', 'Motors'],
    ['tobacco distribution', 'Tobacco'],
  ],
  shell: [
    ['holding', 'Holdings'],
    ['consulting', 'Consulting'],
    ['general trading', 'Trading'],
    ['investment', 'Capital'],
    ['import-export', 'Import Export'],
  ],
}

const BRANDS = [
  'Kolkhida', 'Ararat', 'Iveria', 'Kazbek', 'Elbrus', 'Neva', 'Volga', 'Dnipro', 'Sevan',
  'Aragvi', 'Svaneti', 'Absheron', 'Baltic', 'Atlas', 'Royal', 'Golden', 'Imperial', 'Nord',
  'Diamond', 'Premier', 'Euro', 'Star', 'Riviera', 'Olympia',
]

const SHELL_WORDS = [
  'Arcadia', 'Meridian', 'Blue Horizon', 'Silverline', 'Northgate', 'Corvus', 'Tethys',
  'Helix', 'Orion', 'Zenith', 'Pallada', 'Caspian', 'Aurora', 'Vega', 'Altair', 'Argo',
  'Belvedere', 'Castor', 'Equinox', 'Solaris', 'Westbridge', 'Kestrel',
]

export interface CompanyProfile {
  name: string
  sector: string
  registrationNumber: string
}

/** Draws the name, sector and registration number of a new company. */
export function drawCompanyProfile(
  random: Random,
  kind: DemoCompanyKind,
  jurisdiction: string,
): CompanyProfile {
  const [sector, sectorWord] = random.pick(TRADING_SECTORS[kind])
  const firstWord = kind === 'shell' ? random.pick(SHELL_WORDS) : random.pick(BRANDS)
  const { suffix, registration } = JURISDICTIONS[jurisdiction] ?? {
    suffix: 'Ltd',
    registration: '########',
  }
  return {
    name: `${firstWord} ${sectorWord} ${suffix}`,
    sector,
    registrationNumber: fillTemplate(random, registration),
  }
}

function fillTemplate(random: Random, template: string): string {
  let text = ''
  for (const character of template) {
    text += character === '#' ? random.digits(1) : character
  }
  return text
}
