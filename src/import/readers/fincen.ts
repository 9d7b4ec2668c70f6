/**
 * Reader for the FinCEN Files transaction map (ICIJ, 2020), `download_transactions_map.csv`:
 * one row per flow between two banks that a suspicious-activity report described, with the
 * total amount in USD over a period.
 *
 * - Each bank becomes a Company node `fincen:<bank_id>` with `kind: 'bank'`, `country` (the
 *   ISO 3166 alpha-3 code) and `countryName`. The file spells some banks several ways under
 *   one id. The node takes the most frequent spelling, or the first seen on a tie, and keeps
 *   the others in `aliases`. A bank listed in more than one country gets its most frequent
 *   one, and the others in `otherCountries`. Names are trimmed.
 * - Each row becomes a TRANSFER `fincen:<id>` from the originator bank to the beneficiary
 *   bank, with the amount exact (`amount`, `amountMinor`, `currency: 'USD'`), `date` and
 *   `beginDate` (the begin date), `endDate`, `transactionCount`, `filer`, `filerId`, `sarId`,
 *   and the countries the row gives for each side. Blank cells are absent properties.
 */
import { parseCsv, type CsvRecord } from '../csv-parse.js'
import { formatAmount, MoneyError, parseAmount } from '../../model/money.js'
import { IsoDate, type Properties, type ReadResult } from '../../model/records.js'
import { openDataProvenance, quote, ReadCollector, rejectFile, UNSIGNED_INTEGER, type ReadOptions } from './common.js'
import { isCalendarDate } from './values.js'

export const FINCEN_SOURCE = 'fincen'

export const FINCEN_COLUMNS = [
  'id',
  'icij_sar_id',
  'filer_org_name_id',
  'filer_org_name',
  'begin_date',
  'end_date',
  'originator_bank_id',
  'originator_bank',
  'originator_bank_country',
  'originator_iso',
  'beneficiary_bank_id',
  'beneficiary_bank',
  'beneficiary_bank_country',
  'beneficiary_iso',
  'number_transactions',
  'amount_transactions',
] as const

type FincenColumn = (typeof FINCEN_COLUMNS)[number]

const SIDES = ['originator', 'beneficiary'] as const

type Side = (typeof SIDES)[number]

interface BankMention {
  id: string
  name: string
  iso?: string
  countryName?: string
}

/** Spellings and countries seen for one bank id, each with how many rows used it. */
interface BankVariants {
  names: Map<string, number>
  countries: Map<string, { iso: string; name: string; rows: number }>
}

export function readFincen(text: string, options: ReadOptions): ReadResult {
  const { records } = parseCsv(text)
  const [header, ...rows] = records
  const columns = header?.fields.map((field) => field.trim()) ?? []
  const missing = FINCEN_COLUMNS.filter((column) => !columns.includes(column))
  if (!header || header.problem || missing.length > 0) {
    return rejectFile(
      options.file,
      header?.line ?? 1,
      `Invalid header: missing the columns ${missing.join(', ')} of the FinCEN Files transaction map.`,
    )
  }

  const source = options.source ?? FINCEN_SOURCE
  const collector = new ReadCollector(options.file)
  const banks = new Map<string, BankVariants>()
  const rowLines = new Map<string, number>()

  for (const row of rows) {
    if (row.problem) {
      collector.reject(row.line, `Invalid CSV at value ${quote(row.problem.value)}: ${row.problem.message}.`)
      continue
    }
    if (row.fields.length !== columns.length) {
      collector.reject(row.line, `The row has ${row.fields.length} fields but the header has ${columns.length} columns.`)
      continue
    }

    const cells = cellReader(columns, row)
    const reasons: string[] = []
    const transfer = readTransfer(cells, rowLines, reasons)
    const mentions = SIDES.map((side) => readBank(side, cells, reasons))

    if (reasons.length > 0 || transfer === undefined) {
      collector.reject(row.line, reasons.join(' '))
      continue
    }
    rowLines.set(transfer.id, row.line)
    for (const mention of mentions) {
      if (mention) {
        countMention(banks, mention)
      }
    }

    const [originator, beneficiary] = mentions as [BankMention, BankMention]
    const properties = transfer.properties
    setIfPresent(properties, 'originatorCountry', originator.iso)
    setIfPresent(properties, 'beneficiaryCountry', beneficiary.iso)
    collector.relationships.push({
      id: `fincen:${transfer.id}`,
      type: 'TRANSFER',
      source: `fincen:${originator.id}`,
      target: `fincen:${beneficiary.id}`,
      properties,
      provenance: openDataProvenance(source),
    })
  }

  for (const [id, variants] of banks) {
    collector.nodes.push({
      id: `fincen:${id}`,
      label: 'Company',
      name: mostFrequent(variants.names),
      properties: bankProperties(variants),
      provenance: openDataProvenance(source),
    })
  }
  return collector.result()
}

type Cells = (column: FincenColumn) => string

function cellReader(columns: string[], row: CsvRecord): Cells {
  return (column) => (row.fields[columns.indexOf(column)] ?? '').trim()
}

function readTransfer(
  cells: Cells,
  rowLines: Map<string, number>,
  reasons: string[],
): { id: string; properties: Properties } | undefined {
  const id = cells('id')
  if (id === '') {
    reasons.push('Missing value in column "id": every flow needs an id.')
  } else if (rowLines.has(id)) {
    reasons.push(`Duplicate id ${quote(id)} in column "id": line ${rowLines.get(id)} has the same id.`)
  }

  const properties: Properties = {}
  const amount = cells('amount_transactions')
  try {
    const money = parseAmount(amount, 'USD')
    properties.amount = formatAmount(money.minor, 'USD')
    properties.amountMinor = money.minor
    properties.currency = 'USD'
  } catch (error) {
    if (!(error instanceof MoneyError)) {
      throw error
    }
    reasons.push(`${error.message} (column "amount_transactions").`)
  }

  const beginDate = readDate(cells, 'begin_date', reasons)
  const endDate = readDate(cells, 'end_date', reasons)
  setIfPresent(properties, 'date', beginDate)
  setIfPresent(properties, 'beginDate', beginDate)
  setIfPresent(properties, 'endDate', endDate)

  const count = cells('number_transactions')
  if (UNSIGNED_INTEGER.test(count)) {
    properties.transactionCount = BigInt(count)
  } else if (count !== '') {
    reasons.push(`Invalid count ${quote(count)} in column "number_transactions". Expected a whole number or a blank.`)
  }

  setIfPresent(properties, 'filer', cells('filer_org_name') || undefined)
  setIfPresent(properties, 'filerId', cells('filer_org_name_id') || undefined)
  setIfPresent(properties, 'sarId', cells('icij_sar_id') || undefined)
  return reasons.length > 0 ? undefined : { id, properties }
}

function readBank(side: Side, cells: Cells, reasons: string[]): BankMention | undefined {
  const id = cells(`${side}_bank_id`)
  const name = cells(`${side}_bank`)
  const iso = cells(`${side}_iso`)
  const countryName = cells(`${side}_bank_country`)

  if (id === '') {
    reasons.push(`Missing value in column "${side}_bank_id".`)
  }
  if (name === '') {
    reasons.push(`Missing value in column "${side}_bank": every bank needs a name.`)
  }
  if (iso !== '' && !/^[A-Z]{3}$/.test(iso)) {
    reasons.push(`Invalid country code ${quote(iso)} in column "${side}_iso". Expected three capital letters such as GBR.`)
  }
  if (id === '' || name === '') {
    return undefined
  }
  return { id, name, iso: iso || undefined, countryName: countryName || undefined }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Reads a date written like "Mar 25, 2015". The text is taken apart by hand, because the
 * Date constructor reads such text as local midnight and can move it a day in conversion.
 */
function readDate(cells: Cells, column: 'begin_date' | 'end_date', reasons: string[]): IsoDate | undefined {
  const text = cells(column)
  if (text === '') {
    return undefined
  }
  const match = /^([A-Za-z]{3}) (\d{1,2}), (\d{4})$/.exec(text)
  const month = match ? MONTHS.indexOf(`${match[1]?.[0]?.toUpperCase()}${match[1]?.slice(1).toLowerCase()}`) + 1 : 0
  const day = Number(match?.[2])
  const year = Number(match?.[3])
  if (!match || !isCalendarDate(year, month, day)) {
    reasons.push(`Invalid date ${quote(text)} in column "${column}". Expected a date such as "Mar 25, 2015".`)
    return undefined
  }
  return new IsoDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
}

function countMention(banks: Map<string, BankVariants>, mention: BankMention): void {
  let variants = banks.get(mention.id)
  if (!variants) {
    variants = { names: new Map(), countries: new Map() }
    banks.set(mention.id, variants)
  }
  variants.names.set(mention.name, (variants.names.get(mention.name) ?? 0) + 1)
  if (mention.iso) {
    const key = `${mention.iso} ${mention.countryName ?? ''}`
    const country = variants.countries.get(key) ?? { iso: mention.iso, name: mention.countryName ?? '', rows: 0 }
    country.rows += 1
    variants.countries.set(key, country)
  }
}

function bankProperties(variants: BankVariants): Properties {
  const properties: Properties = { kind: 'bank' }
  const name = mostFrequent(variants.names)
  const aliases = [...variants.names.keys()].filter((alias) => alias !== name)
  if (aliases.length > 0) {
    properties.aliases = aliases
  }

  const countries = [...variants.countries.values()]
  const main = countries.reduce<(typeof countries)[number] | undefined>(
    (best, country) => (best === undefined || country.rows > best.rows ? country : best),
    undefined,
  )
  if (main) {
    properties.country = main.iso
    setIfPresent(properties, 'countryName', main.name || undefined)
    const others = [...new Set(countries.map((country) => country.iso))].filter((iso) => iso !== main.iso)
    if (others.length > 0) {
      properties.otherCountries = others
    }
  }
  return properties
}

/** Returns the key with the highest count, the first one inserted on a tie. */
function mostFrequent(counts: Map<string, number>): string {
  let best = ''
  let bestCount = 0
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key
      bestCount = count
    }
  }
  return best
}

function setIfPresent(properties: Properties, name: string, value: Properties[string] | undefined): void {
  if (value !== undefined) {
    properties[name] = value
  }
}
