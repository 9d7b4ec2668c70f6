import neo4j from 'neo4j-driver'
import t from 'tap'

import { isoDateTimeToNeo4j, isoDateToNeo4j, propertiesToPlain, toNeo4j, toPlain } from '../../src/data/values.js'
import { IsoDate, IsoDateTime } from '../../src/model/records.js'

t.test('integers become numbers only when safe', async (t) => {
  t.equal(toPlain(neo4j.int(42)), 42)
  t.equal(toPlain(neo4j.int('9007199254740991')), 9007199254740991)
  t.equal(toPlain(neo4j.int('9007199254740993')), '9007199254740993')
  t.equal(toPlain(neo4j.int('-9223372036854775808')), '-9223372036854775808')
  t.equal(toPlain(2n ** 60n), '1152921504606846976')
})

t.test('no low/high objects in nested values', async (t) => {
  const plain = toPlain({ list: [neo4j.int(1), { deep: neo4j.int('9007199254740993') }] })
  t.same(plain, { list: [1, { deep: '9007199254740993' }] })
})

t.test('floats that JSON cannot carry become text', async (t) => {
  t.equal(toPlain(Number.NaN), 'NaN')
  t.equal(toPlain(Number.POSITIVE_INFINITY), 'Infinity')
  t.equal(toPlain(0.1), 0.1)
})

t.test('temporal values keep their own offset', async (t) => {
  t.equal(toPlain(isoDateToNeo4j('2015-03-25')), '2015-03-25')
  t.equal(toPlain(isoDateTimeToNeo4j('2024-03-01T23:30:00+05:00')), '2024-03-01T23:30:00+05:00')
  t.equal(toPlain(isoDateTimeToNeo4j('2024-03-01T23:30:00.123Z')), '2024-03-01T23:30:00.123000000Z')
})

t.test('record values convert for the driver', async (t) => {
  t.ok(neo4j.isInt(toNeo4j(9007199254740993n)))
  t.equal(String(toNeo4j(9007199254740993n)), '9007199254740993')
  t.ok(neo4j.isDate(toNeo4j(new IsoDate('2020-02-29'))))
  t.ok(neo4j.isDateTime(toNeo4j(new IsoDateTime('2020-02-29T10:00:00Z'))))
  t.throws(() => isoDateToNeo4j('29.02.2020'), /expected YYYY-MM-DD/)
})

t.test('internal fields stay out of records', async (t) => {
  t.same(propertiesToPlain({ amount: '1.00', amountMinor: neo4j.int(100), currency: 'USD' }), { amount: '1.00', currency: 'USD' })
})
