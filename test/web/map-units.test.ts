/**
 * The map's pure parts: the Natural Earth projection and its antimeridian handling, the
 * per-country counts for a timeline range, and the colour scale.
 */
import t from 'tap'

import { countGroups, countNotices, currenciesOf, sumMoney } from '../../web/src/map/counts.js'
import { MAP_HEIGHT, MAP_WIDTH, geometryPath, naturalEarth, project } from '../../web/src/map/projection.js'
import { shade } from '../../web/src/map/scale.js'

t.test('projection corners and centre', async (t) => {
  t.same(project(0, 0), [MAP_WIDTH / 2, MAP_HEIGHT / 2], 'centre')
  t.equal(project(-180, 0)[0], 0, 'left edge')
  t.equal(project(180, 0)[0], MAP_WIDTH, 'right edge')
  t.equal(project(0, 90)[1], 0, 'north pole at the top')
  t.equal(project(0, -90)[1], MAP_HEIGHT, 'south pole at the bottom')
  // PROJ's natearth bounds y by 0.8707 × 0.52 × π, the height of the pole line.
  t.ok(Math.abs(naturalEarth(0, Math.PI / 2)[1] - 0.8707 * 0.52 * Math.PI) < 1e-4, 'pole height as in PROJ')
  t.equal(naturalEarth(1, 0)[0], 0.8707, 'equator scale')
})

t.test('rings across the antimeridian', async (t) => {
  const plain = geometryPath({ type: 'Polygon', coordinates: [[[10, 10], [20, 10], [20, 20], [10, 10]]] })
  t.equal(plain.match(/M/g)?.length, 1, 'an ordinary ring is drawn once')

  const crossing = geometryPath({ type: 'Polygon', coordinates: [[[170, 60], [-170, 60], [-170, 70], [170, 70], [170, 60]]] })
  t.equal(crossing.match(/M/g)?.length, 2, 'a ring across the antimeridian is drawn twice')
  for (const subpath of crossing.split('M').filter((part) => part !== '')) {
    const xs = subpath.replace('Z', '').split('L').map((point) => Number(point.split(',')[0]))
    const widest = Math.max(...xs.slice(1).map((x, index) => Math.abs(x - (xs[index] ?? x))))
    t.ok(widest < MAP_WIDTH / 2, `no step across the map (widest ${widest.toFixed(1)})`)
  }

  const polar = geometryPath({ type: 'Polygon', coordinates: [[[-180, -70], [-90, -75], [0, -70], [90, -75], [180, -70], [-180, -70]]] })
  const [, southY] = project(0, -90)
  t.match(polar, `,${southY.toFixed(1)}`, 'a ring around the south pole is closed along the pole line')
})

t.test('counts for a range', async (t) => {
  const notices = [
    { country: 'GE', date: '2020-01-01', count: 2 },
    { country: 'GE', date: '2020-12-31', count: 1 },
    { country: 'DE', date: '2021-01-01', count: 5 },
    { country: 'AE', date: null, count: 4 },
  ]
  t.same([...countNotices(notices, null)].map(([code, value]) => [code, value.value]), [['GE', 3], ['DE', 5], ['AE', 4]])
  t.same([...countNotices(notices, { since: '2020-01-01', until: '2020-12-31' })].map(([code, value]) => [code, value.value]), [['GE', 3]])

  const groups = [
    { country: 'DE', groupId: 'g1', since: '1995-06-01', until: '1999-12-31' },
    { country: 'DE', groupId: 'g1', since: '2005-01-01', until: null },
    { country: 'DE', groupId: 'g2', since: null, until: '1994-12-31' },
  ]
  const count = (since: string, until: string) => countGroups(groups, { since, until }).get('DE')?.value ?? 0
  t.equal(count('1999-12-31', '1999-12-31'), 1, 'last day of a period counts')
  t.equal(count('2000-01-01', '2004-12-31'), 0, 'gap between periods')
  t.equal(count('1990-01-01', '2010-01-01'), 2, 'a group counts once')
})

t.test('money added exactly', async (t) => {
  const rows = [
    { country: 'DE', date: '2020-01-01', currency: 'EUR', transfers: 1, total: '0.10' },
    { country: 'DE', date: '2020-01-02', currency: 'EUR', transfers: 1, total: '0.20' },
    { country: 'CY', date: '2020-01-02', currency: 'EUR', transfers: 2, total: '90071992547409.93' },
    { country: 'CY', date: '2020-01-03', currency: 'EUR', transfers: 1, total: '0.01' },
    { country: 'JP', date: '2020-01-03', currency: 'JPY', transfers: 9, total: '150000' },
  ]
  const euros = sumMoney(rows, 'EUR', null)
  t.equal(euros.get('DE')?.text, '0.30 EUR', '0.10 + 0.20 without rounding')
  t.equal(euros.get('CY')?.text, '90,071,992,547,409.94 EUR', 'beyond 2^53 cents')
  t.equal(sumMoney(rows, 'JPY', null).get('JP')?.text, '150,000 JPY', 'no minor unit')
  t.equal(sumMoney(rows, 'EUR', { since: '2020-01-02', until: '2020-01-02' }).get('DE')?.text, '0.20 EUR', 'range')
  t.same(currenciesOf(rows), ['JPY', 'EUR'], 'most transfers first')
})

t.test('colour scale edges', async (t) => {
  t.equal(shade(0, 0), null, 'nothing counted')
  t.equal(shade(3, 0), null, 'no maximum')
  t.equal(shade(0, 5), null, 'zero keeps the land colour')
  t.equal(shade(5, 5), 'rgb(8, 48, 107)', 'maximum is the darkest')
  t.equal(shade(7, 7), shade(1, 1), 'equal counts share the darkest shade')
  t.not(shade(1, 5), shade(5, 5), 'a smaller count is lighter')
})
