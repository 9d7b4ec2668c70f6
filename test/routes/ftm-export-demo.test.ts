/**
 * FtM export of the seeded demo network: every entity passes the FtM model of
 * @alephdata/followthemoney, with only properties its schema has, and demo persons keep their
 * birth date, gender, aliases and nickname.
 */
import ftm from '@alephdata/followthemoney'
import type { FastifyInstance } from 'fastify'
import t from 'tap'

import { loadDemoNetwork } from '../../src/cli/loaders.js'
import { generateDemoNetwork } from '../../src/demo/generate.js'
import type { FtmEntity } from '../../src/model/ftm.js'
import { IsoDate, type NodeRecord } from '../../src/model/records.js'
import { bearer, buildTestApp } from '../helpers/app.js'
import { removeFixtures } from './requests.js'

const NAMESPACE = 't-ftm-demo'
const DEMO = { seed: 42, size: 120, namespace: NAMESPACE }
const model = new ftm.Model(ftm.defaultModel)

let app: FastifyInstance
const persons: NodeRecord[] = []

t.before(async () => {
  app = await buildTestApp()
  await removeFixtures(app, `${NAMESPACE}:`)
  for (const batch of generateDemoNetwork(DEMO)) {
    persons.push(...batch.nodes.filter((node) => node.label === 'Person'))
  }
  const loaded = await loadDemoNetwork(app.services, DEMO)
  if (loaded.rejected > 0) throw new Error(`${loaded.rejected} demo records rejected`)
})

t.teardown(async () => {
  await removeFixtures(app, `${NAMESPACE}:`)
  await app.close()
})

async function exported(): Promise<FtmEntity[]> {
  const response = await app.inject({ url: `/api/export/ftm?source=${NAMESPACE}`, headers: bearer('admin') })
  if (response.statusCode !== 200) throw new Error(response.body)
  return response.body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FtmEntity)
}

/** Returns why the FtM model rejects an entity: an unknown property or a dangling reference. */
function modelErrors(entity: FtmEntity, ids: Set<string>): string[] {
  try {
    const parsed = model.getEntity(entity)
    const unknown = Object.keys(entity.properties).filter((name) => !parsed.schema.hasProperty(name))
    const dangling = parsed
      .getProperties()
      .filter((property) => property.type.name === 'entity')
      .flatMap((property) => parsed.getProperty(property).map((value) => (typeof value === 'string' ? value : value.id)))
      .filter((id) => !ids.has(id))
    return [...unknown.map((name) => `${entity.id}: no property ${name} in ${entity.schema}`), ...dangling.map((id) => `${entity.id}: names missing ${id}`)]
  } catch (error) {
    return [`${entity.id}: ${(error as Error).message}`]
  }
}

t.test('every demo entity passes the FtM model', async (t) => {
  const entities = await exported()
  t.ok(entities.length > 500, `${entities.length} entities`)
  const ids = new Set(entities.map((entity) => entity.id))
  t.same(entities.flatMap((entity) => modelErrors(entity, ids)), [], 'no entity is rejected')

  const associates = entities.filter((entity) => entity.schema === 'Associate')
  t.ok(associates.length > 0, `${associates.length} associates`)
  t.same(associates.filter((entity) => entity.properties.role !== undefined).map((entity) => entity.id), [], 'no Associate has role')
  const kinds = new Set(associates.flatMap((entity) => entity.properties.relationship ?? []))
  t.same([...kinds].filter((kind) => ['met', 'called', 'crowned by'].includes(kind)).sort(), ['called', 'crowned by', 'met'])
})

t.test('demo persons keep birth date, gender, aliases and nickname', async (t) => {
  const person = persons.find((node) => node.properties.nickname !== undefined && Array.isArray(node.properties.aliases) && node.properties.aliases.length > 0)
  if (person === undefined) throw new Error('no demo person with a nickname and aliases')
  const entity = (await exported()).find((item) => item.id === person.id)
  const { birthDate, gender, nickname, aliases } = person.properties
  t.same(entity?.properties.name, [person.name])
  t.same(entity?.properties.alias, aliases)
  t.same(entity?.properties.weakAlias, [nickname])
  t.same(entity?.properties.birthDate, [(birthDate as IsoDate).iso])
  t.same(entity?.properties.gender, [gender])
  t.ok(birthDate instanceof IsoDate, 'the generator gives every person a birth date')
})
