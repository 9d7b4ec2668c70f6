/**
 * An import killed halfway and run again ends with the same graph as one clean import. The
 * CLI (`millennium import`, in a child process) imports a generated node file and edge file in
 * batches of 500 into a Neo4j of this test's own (on a free port). The test sends SIGKILL once a
 * quarter of the nodes exist, runs the same import to the end and fingerprints the graph. Then
 * it empties the database, imports once more without a kill and compares the fingerprints.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import neo4j, { type Driver } from 'neo4j-driver'
import t from 'tap'

import { PROJECT_ROOT } from '../../src/config/env.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/local-neo4j.js'
import { fingerprintGraph } from '../helpers/fingerprint.js'
import { freePort } from '../helpers/ports.js'

const PORT = await freePort()
const PASSWORD = 'import-kill-password'
const NODES = 20_000
const EDGES = 30_000
const BATCH_SIZE = 500

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'millennium-import-'))
const filesDir = mkdtempSync(path.join(os.tmpdir(), 'millennium-import-files-'))
const nodeFile = path.join(filesDir, 'kill-nodes.csv')
const edgeFile = path.join(filesDir, 'kill-edges.csv')
const uri = `bolt://127.0.0.1:${PORT}`
let driver: Driver

const LABELS = ['Person', 'Company', 'Account', 'Group']

/** Writes the files: nodes with typed properties, and edges of several types with dates and amounts. */
function writeFiles(): void {
  const nodes = ['id,type,name,born:date,score:float,aliases,ownerNcb,restrictedTo']
  for (let i = 0; i < NODES; i += 1) {
    const label = LABELS[i % LABELS.length] as string
    const born = label === 'Person' ? `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}` : ''
    const owner = i % 10 === 0 ? 'GE' : ''
    nodes.push(`kill:${i},${label},Name ${i} "q",${born},${(i % 97) / 7},alias-${i}|other-${i},${owner},${owner}`.replace('"q"', '"""q"""'))
  }
  const edges = ['id,source,target,type,date:date,amount,currency,weight:float']
  for (let i = 0; i < EDGES; i += 1) {
    const source = (i * 7919) % NODES
    const target = (i * 104_729 + 1) % NODES
    const transfer = i % 3 === 0
    edges.push(
      transfer
        ? `kill:e${i},kill:${source},kill:${target},TRANSFER,2020-01-${String(1 + (i % 28)).padStart(2, '0')},${i}.${String(i % 100).padStart(2, '0')},EUR,`
        : `kill:e${i},kill:${source},kill:${target},ASSOCIATE_OF,,,,${i % 5}`,
    )
  }
  writeFileSync(nodeFile, `${nodes.join('\n')}\n`)
  writeFileSync(edgeFile, `${edges.join('\n')}\n`)
}

/** Runs `millennium import` on both files; `killWhen` gets the node count every 50 ms and may kill it. */
function runImport(killWhen?: (nodes: number) => boolean): Promise<{ code: number | null; signal: string | null; killedAt: number | null }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'millennium.js'), 'import', nodeFile, edgeFile, '--batch-size', String(BATCH_SIZE), '--source', 'kill'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: PASSWORD, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let killedAt: number | null = null
  let exited = false
  const poll = async () => {
    while (killWhen !== undefined && !exited && killedAt === null) {
      const nodes = await countNodes().catch(() => 0)
      if (killWhen(nodes) && !exited) {
        child.kill('SIGKILL')
        killedAt = nodes
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return new Promise((resolve, reject) => {
    void poll()
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      exited = true
      if (code !== 0 && signal === null) {
        reject(new Error(`millennium import exited with ${code}: ${stderr.slice(-2000)}`))
        return
      }
      resolve({ code, signal, killedAt })
    })
  })
}

async function countNodes(): Promise<number> {
  const result = await driver.executeQuery('MATCH (n:Entity) RETURN count(n) AS nodes')
  return neo4j.integer.toNumber(result.records[0]?.get('nodes'))
}

t.before(async () => {
  writeFiles()
  await startLocalNeo4j({ dataDir, host: '127.0.0.1', port: PORT, user: 'neo4j', password: PASSWORD, pageCache: '128m', heap: '1g' })
  driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', PASSWORD))
})

t.teardown(async () => {
  await driver?.close()
  await stopLocalNeo4j(dataDir)
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(filesDir, { recursive: true, force: true })
})

t.test('killed import run again equals a clean import', async (t) => {
  const killed = await runImport((nodes) => nodes >= NODES / 4)
  t.equal(killed.signal, 'SIGKILL', 'the first import was killed')
  const afterKill = await countNodes()
  t.ok(afterKill > 0 && afterKill < NODES, `the kill left a partial graph (${afterKill} of ${NODES} nodes)`)

  const resumed = await runImport()
  t.equal(resumed.code, 0, 'the second import ran to the end')
  const again = await fingerprintGraph(driver)

  const session = driver.session()
  try {
    // CALL ... IN TRANSACTIONS needs an auto-commit transaction, which session.run gives.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS')
  } finally {
    await session.close()
  }
  t.equal(await countNodes(), 0, 'database emptied')
  const clean = await runImport()
  t.equal(clean.code, 0, 'the clean import ran to the end')
  const single = await fingerprintGraph(driver)

  t.equal(single.nodes, NODES, `clean import stored ${NODES} nodes`)
  t.equal(single.relationships, EDGES, `clean import stored ${EDGES} relationships`)
  t.equal(again.nodes, single.nodes, 'same node count')
  t.equal(again.relationships, single.relationships, 'same relationship count')
  t.equal(again.hash, single.hash, 'same fingerprint: nodes, properties and relationships')
})
