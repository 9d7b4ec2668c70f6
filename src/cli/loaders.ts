/**
 * Loading the synthetic demo network and the real datasets, shared by `demo`, `generate`
 * and the tests. Both load as an admin, so the demo's records keep their owner countries.
 */
import { generateDemoNetwork } from '../demo/generate.js'
import { listDatasetFiles } from '../import/readers/datasets.js'
import { ADMIN_CALLER } from '../services/import.js'
import type { Services } from '../services/index.js'
import { printReport } from './import.js'

export async function loadDemoNetwork(
  services: Services,
  options: { seed: number; size: number; namespace?: string },
  log: (message: string) => void = () => {},
): Promise<{ nodes: number; relationships: number; rejected: number }> {
  let nodes = 0
  let relationships = 0
  let rejected = 0
  for (const batch of generateDemoNetwork(options)) {
    const report = await services.imports.importRecords('demo', batch.nodes, batch.relationships, { caller: ADMIN_CALLER })
    nodes += batch.nodes.length
    relationships += batch.relationships.length
    rejected += report.rejectedCount
    for (const rejection of report.rejected.slice(0, 5)) {
      log(`demo record ${rejection.id} rejected: ${rejection.reason}`)
    }
  }
  return { nodes, relationships, rejected }
}

export async function loadDatasets(services: Services, dataDir: string, log: (message: string) => void = () => {}) {
  const reports = []
  for (const dataset of await listDatasetFiles(dataDir)) {
    const report = await services.imports.importFile(dataset.path, { caller: ADMIN_CALLER })
    printReport(report)
    reports.push(report)
  }
  log(`Loaded ${reports.length} dataset files from ${dataDir}`)
  return reports
}
