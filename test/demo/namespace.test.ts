import t from 'tap'

import { generateDemoNetwork } from '../../src/demo/generate.js'

t.test('namespace prefixes ids and sets source', async (t) => {
  const records = []
  for (const batch of generateDemoNetwork({ seed: 3, size: 30, namespace: 'synthetic-3-30' })) {
    records.push(...batch.nodes, ...batch.relationships)
  }
  t.ok(records.length > 0)
  t.same(records.filter((record) => !record.id.startsWith('synthetic-3-30:')), [], 'every id is in the namespace')
  t.same(records.filter((record) => record.provenance.source !== 'synthetic-3-30'), [], 'every source is the namespace')
})

t.test('invalid namespace is rejected', async (t) => {
  t.throws(() => generateDemoNetwork({ seed: 3, size: 30, namespace: 'Demo Net' }), /Invalid demo namespace "Demo Net"/)
})
