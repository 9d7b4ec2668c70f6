import t from 'tap'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { generateDemoNetwork } from '../../src/demo/generate.js'

// Exposes gc() in this process, so heap use can be read without garbage waiting collection.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const MEGABYTE = 1024 * 1024

t.test('generator at size 100,000 stays in bounded memory', async (t) => {
  collectGarbage()
  const baseline = process.memoryUsage().heapUsed
  let peakGrowth = 0
  let retainedGrowth = 0
  let records = 0
  let batches = 0

  for (const batch of generateDemoNetwork({ seed: 7, size: 100_000 })) {
    records += batch.nodes.length + batch.relationships.length
    batches += 1
    peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline)
    if (batches % 50 === 0) {
      collectGarbage()
      retainedGrowth = Math.max(retainedGrowth, process.memoryUsage().heapUsed - baseline)
    }
  }

  // Holding every record would take several hundred megabytes at this size.
  t.ok(records > 1_000_000, `consumed ${records} records in ${batches} batches`)
  t.ok(peakGrowth < 200 * MEGABYTE, `peak heap growth ${(peakGrowth / MEGABYTE).toFixed(1)} MB`)
  t.ok(retainedGrowth < 50 * MEGABYTE, `heap growth after GC ${(retainedGrowth / MEGABYTE).toFixed(1)} MB`)
})
