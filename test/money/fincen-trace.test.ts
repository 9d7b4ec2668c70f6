/**
 * A trail over the real FinCEN Files flows: money traced from a bank comes to rest at
 * endpoints whose amounts add up, to the cent, to what left that bank.
 */
import { readFileSync } from 'node:fs'

import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { formatAmount } from '../../src/model/money.js'
import { IsoDate } from '../../src/model/records.js'
import { readFincen } from '../../src/import/readers/fincen.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { dataFile, skipUnlessData } from '../helpers/data.js'

const FILE = ['fincen', 'download_transactions_map.csv'] as const

interface Trace {
  currency: string
  total: string
  endpoints: { id: string; amount: string; stop: string }[]
  counts: { transfers: number; unconverted: number }
  truncated: boolean
}

t.test('FinCEN bank trace accounts for every cent', { skip: skipUnlessData(...FILE) }, async (t) => {
  const app: FastifyInstance = await buildTestApp()
  t.teardown(() => app.close())
  const report = await app.services.imports.importFile(dataFile(...FILE))
  t.equal(report.rejected.length, 0, 'the FinCEN file imports whole')

  // Independently of the trail code: the bank with the most dated outgoing flows, and the
  // sum of those flows, from the file itself.
  const { relationships } = readFincen(readFileSync(dataFile(...FILE), 'utf8'), { file: 'fincen.csv' })
  const leaving = new Map<string, bigint>()
  const counts = new Map<string, number>()
  for (const flow of relationships) {
    if (flow.source === flow.target || !(flow.properties.date instanceof IsoDate)) {
      continue
    }
    leaving.set(flow.source, (leaving.get(flow.source) ?? 0n) + (flow.properties.amountMinor as bigint))
    counts.set(flow.source, (counts.get(flow.source) ?? 0) + 1)
  }
  const [bank] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [string, number]
  const expected = formatAmount(leaving.get(bank) as bigint, 'USD')
  t.comment(`tracing ${bank}: ${counts.get(bank)} flows leaving it, USD ${expected}`)

  for (const maxHops of [1, 3, 6]) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/money/trace?from=${encodeURIComponent(bank)}&maxHops=${maxHops}&maxTransfers=20000`,
      headers: bearer('viewer'),
    })
    t.equal(response.statusCode, 200)
    const trace = response.json<Trace>()
    t.equal(trace.currency, 'USD')
    t.notOk(trace.truncated, `the ${maxHops}-hop trail is complete`)
    t.equal(trace.counts.unconverted, 0, 'every flow is in USD')
    t.equal(trace.total, expected, `the ${maxHops}-hop trail starts with what left the bank`)
    const sum = trace.endpoints.reduce((total, endpoint) => total + BigInt(endpoint.amount.replace('.', '')), 0n)
    t.equal(formatAmount(sum, 'USD'), expected, `the ${maxHops}-hop endpoints add up to it`)
    t.ok(trace.endpoints.length > 1, `${trace.endpoints.length} endpoints`)
  }
})
