/**
 * Invented banks, account numbers and account currencies for the demo network. Bank names
 * and codes are made up so that no record points at a real institution. Account numbers
 * are well-formed, though: IBANs have the length of their country (ISO 13616 registry) and
 * valid mod-97 check digits, and Russian accounts have the 20-digit layout of a Russian
 * settlement account.
 */
import type { Random } from './random.js'

export interface Bank {
  name: string
  /** ISO 3166-1 alpha-2. */
  country: string
  /** Leading characters of the basic bank account number (BBAN): bank and branch code. */
  code: string
}

/** IBAN lengths in characters, country code and check digits included. */
const IBAN_LENGTHS: Record<string, number> = {
  AE: 23,
  AT: 20,
  AZ: 28,
  BG: 22,
  BY: 28,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  EE: 20,
  ES: 24,
  FR: 27,
  GB: 22,
  GE: 22,
  GR: 27,
  HU: 28,
  IL: 23,
  IT: 27,
  LT: 20,
  LV: 21,
  MD: 24,
  MT: 31,
  NL: 18,
  PL: 28,
  TR: 26,
  UA: 29,
}

export const BANKS: readonly Bank[] = [
  { name: 'Volga Credit Bank', country: 'RU', code: '' },
  { name: 'Northern Commerce Bank', country: 'RU', code: '' },
  { name: 'Kartli Trust Bank', country: 'GE', code: 'KT' },
  { name: 'Colchis Bank', country: 'GE', code: 'CB' },
  { name: 'Ararat Valley Bank', country: 'AM', code: '2470' },
  { name: 'Absheron Trade Bank', country: 'AZ', code: 'ABTB' },
  { name: 'Dnipro Credit Bank', country: 'UA', code: '351005' },
  { name: 'Black Sea Bank', country: 'UA', code: '328704' },
  { name: 'Svisloch Bank', country: 'BY', code: 'SVBK' },
  { name: 'Nistru Bank', country: 'MD', code: 'NB' },
  { name: 'Vistula Commerce Bank', country: 'PL', code: '19401027' },
  { name: 'Vltava Savings Bank', country: 'CZ', code: '2250' },
  { name: 'Pannonia Bank', country: 'HU', code: '11773016' },
  { name: 'Balkan Trust Bank', country: 'BG', code: 'BLTB' },
  { name: 'Limassol Commerce Bank', country: 'CY', code: '018' },
  { name: 'Troodos Private Bank', country: 'CY', code: '047' },
  { name: 'Baltic Meridian Bank', country: 'LV', code: 'BMBL' },
  { name: 'Daugava Private Bank', country: 'LV', code: 'DPBL' },
  { name: 'Neris Savings Bank', country: 'LT', code: '71900' },
  { name: 'Tallinn Harbour Bank', country: 'EE', code: '17' },
  { name: 'Gulf Crescent Bank', country: 'AE', code: '081' },
  { name: 'Emirates Pearl Bank', country: 'AE', code: '046' },
  { name: 'Alpine Private Bank', country: 'CH', code: '08731' },
  { name: 'Lemanic Trust Bank', country: 'CH', code: '04890' },
  { name: 'Danube Merchant Bank', country: 'AT', code: '19430' },
  { name: 'Hanseatic Merchant Bank', country: 'DE', code: '20130412' },
  { name: 'Banco Costa del Sol', country: 'ES', code: '2195' },
  { name: 'Banque Riviera', country: 'FR', code: '16798' },
  { name: 'Aegean Merchant Bank', country: 'GR', code: '037' },
  { name: 'Banca Lombarda Privata', country: 'IT', code: 'K03211' },
  { name: 'Amstel Trade Bank', country: 'NL', code: 'AMTB' },
  { name: 'Thames Private Bank', country: 'GB', code: 'TPBK' },
  { name: 'Valletta Harbour Bank', country: 'MT', code: 'VHBK' },
  { name: 'Jaffa Commerce Bank', country: 'IL', code: '031' },
  { name: 'Bosphorus Trade Bank', country: 'TR', code: '001230' },
  { name: 'Hudson Atlantic Bank', country: 'US', code: '' },
  { name: 'Biscayne Trust Bank', country: 'US', code: '' },
]

/** Countries whose banks hold the accounts of shell companies registered elsewhere. */
const BANKING_CENTRES = ['CY', 'LV', 'EE', 'LT', 'AE', 'CH', 'MT'] as const

/** The country whose banks keep accounts in a national currency other than EUR and USD. */
const NATIONAL_CURRENCIES: Record<string, string> = { RUB: 'RU', GEL: 'GE', AED: 'AE' }

const EURO_AREA = new Set([
  'AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'IT', 'LT', 'LV', 'MC', 'MT', 'NL',
])

/**
 * Picks the currency of a new account at a bank in `country`. Weights are estimates of what
 * such a network would hold: mostly EUR, USD and RUB, some GEL and AED.
 */
export function drawAccountCurrency(random: Random, country: string): string {
  switch (country) {
    case 'RU':
      return random.pickWeighted([['RUB', 75], ['USD', 15], ['EUR', 10]])
    case 'GE':
      return random.pickWeighted([['GEL', 50], ['USD', 35], ['EUR', 15]])
    case 'AE':
      return random.pickWeighted([['AED', 45], ['USD', 45], ['EUR', 10]])
    case 'US':
      return 'USD'
    default:
      return EURO_AREA.has(country)
        ? random.pickWeighted([['EUR', 85], ['USD', 15]])
        : random.pickWeighted([['EUR', 55], ['USD', 45]])
  }
}

/**
 * Picks a bank for an account in `currency`. National currencies go to a bank of their
 * country. Otherwise the bank is in `country` if the demo has one there, or else in a
 * banking centre such as Cyprus or Latvia.
 */
export function pickBank(random: Random, country: string, currency: string): Bank {
  const national = NATIONAL_CURRENCIES[currency]
  const home = national ?? country
  const local = BANKS.filter((bank) => bank.country === home)
  if (local.length > 0) {
    return random.pick(local)
  }
  return pickOffshoreBank(random)
}

/** Picks a bank in a banking centre, where shell companies keep their accounts. */
export function pickOffshoreBank(random: Random): Bank {
  const centre = random.pick(BANKING_CENTRES)
  return random.pick(BANKS.filter((bank) => bank.country === centre))
}

/** ISO 4217 numeric codes, used inside Russian account numbers. */
const NUMERIC_CURRENCY: Record<string, string> = { RUB: '810', USD: '840', EUR: '978' }

/** Creates an account number at `bank`: an IBAN where the country uses them. */
export function drawAccountNumber(
  random: Random,
  bank: Bank,
  currency: string,
  holder: 'person' | 'company' | 'fund',
): string {
  const ibanLength = IBAN_LENGTHS[bank.country]
  if (ibanLength !== undefined) {
    const bban = bank.code + random.digits(ibanLength - 4 - bank.code.length)
    return `${bank.country}${ibanCheckDigits(bank.country, bban)}${bban}`
  }
  if (bank.country === 'RU') {
    // Balance account (40817 private person, 40702 company, 40703 non-profit), currency,
    // then a check digit and branch and account numbers. NOTE: the check digit is random,
    // not the key that Russian banks compute from their BIC.
    const balance = { person: '40817', company: '40702', fund: '40703' }[holder]
    return `${balance}${NUMERIC_CURRENCY[currency] ?? '840'}${random.digits(12)}`
  }
  return bank.code + random.digits(random.integer(10, 12))
}

/** Computes IBAN check digits (ISO 13616 mod-97) for a country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  const remainder = ibanRemainder(`${bban}${country}00`)
  return String(98 - remainder).padStart(2, '0')
}

/** Returns whether an IBAN's check digits are valid. */
export function isValidIban(iban: string): boolean {
  const length = IBAN_LENGTHS[iban.slice(0, 2)]
  return iban.length === length && ibanRemainder(iban.slice(4) + iban.slice(0, 4)) === 1
}

function ibanRemainder(text: string): number {
  let remainder = 0
  for (const character of text) {
    const code = character.charCodeAt(0)
    // Letters count as two digits, A = 10 to Z = 35.
    const value = code >= 65 ? String(code - 55) : character
    for (const digit of value) {
      remainder = (remainder * 10 + Number(digit)) % 97
    }
  }
  return remainder
}
