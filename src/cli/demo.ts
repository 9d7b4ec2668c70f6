/**
 * `millennium demo`: everything a first look needs. Starts Neo4j unless NEO4J_URI names
 * one, applies the schema, loads the synthetic network and the real datasets, builds the
 * viewer when it is missing, starts the service and prints the viewer's address with an
 * analyst token.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { loadTokenKeys } from '../auth/keys.js'
import { signToken } from '../auth/tokens.js'
import { loadConfig, PROJECT_ROOT, type Config } from '../config/env.js'
import { ensureNeo4j } from '../db/resolve.js'
import { demoRates } from '../demo/rates.js'
import { WEB_DIST } from '../server/app.js'
import { createServices, type Services } from '../services/index.js'
import { loadDatasets, loadDemoNetwork } from './loaders.js'
import { openDatabase, prepareDatabase, startService } from './serve.js'

export async function runDemo(_args: string[]): Promise<number> {
  ensureSecret()
  ensureDemoRates()
  const config = loadConfig()
  const log = (message: string) => console.log(message)

  const uri = await ensureNeo4j(config, log)
  const database = openDatabase(config, uri)
  try {
    await prepareDatabase(database, uri)
    const services = createServices(database)
    await loadData(services, config, log)
  } finally {
    await database.close()
  }

  buildViewer(log)
  const app = await startService(config, uri)
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
  const signing = loadTokenKeys(config).signing
  console.log('')
  console.log(`Millennium is running.`)
  if (signing === null) {
    // RS256 or ES256 without a private key: the identity provider issues every token.
    console.log(`  Viewer:   http://${host}:${port}/ (sign in with a token from your identity provider)`)
    console.log(`  API docs: http://${host}:${port}/docs`)
  } else {
    const token = signToken(signing, { sub: 'demo-analyst', role: 'analyst', ncb: null, lifetimeSeconds: 8 * 3600 })
    console.log(`  Viewer:   http://${host}:${port}/#token=${token}`)
    console.log(`  API docs: http://${host}:${port}/docs`)
    console.log(`  Analyst token (8 hours): ${token}`)
  }
  console.log(`  Try: curl -H "Authorization: Bearer <token>" "http://${host}:${port}/api/stats?source=demo"`)
  console.log('Press Ctrl+C to stop the service; "npm run db:stop" stops Neo4j.')
  return 0
}

async function loadData(services: Services, config: Config, log: (message: string) => void): Promise<void> {
  const demo = await loadDemoNetwork(services, config.demo, log)
  log(`Demo network (seed ${config.demo.seed}, ${config.demo.size} persons): ${demo.nodes} nodes, ${demo.relationships} relationships`)
  if (!existsSync(config.dataDir)) {
    log(`No dataset folder at ${config.dataDir} (MILLENNIUM_DATA_DIR); going on with the demo network alone`)
    return
  }
  await loadDatasets(services, config.dataDir, log)
}

/** Writes a `.env` with a fresh JWT_SECRET on first use, so the demo and `token` agree. */
function ensureSecret(): void {
  if (process.env.JWT_SECRET) {
    return
  }
  const file = path.join(PROJECT_ROOT, '.env')
  const secret = randomBytes(32).toString('base64url')
  const template = existsSync(file) ? readFileSync(file, 'utf8') : readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8')
  const text = /^JWT_SECRET=.*$/m.test(template) ? template.replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${secret}`) : `${template}\nJWT_SECRET=${secret}\n`
  writeFileSync(file, text, { mode: 0o600 })
  process.env.JWT_SECRET = secret
  console.log(`Wrote a new JWT_SECRET to ${file}`)
}

/**
 * Writes the demo network's made-up reference rates to a file and sets MILLENNIUM_FX_RATES
 * to it in `.env`, so money in RUB, GEL, AED and USD can be traced in EUR. Does nothing when
 * MILLENNIUM_FX_RATES is already set.
 */
function ensureDemoRates(): void {
  if (process.env.MILLENNIUM_FX_RATES) {
    return
  }
  const relative = path.join('.millennium', 'demo-fx-rates.csv')
  mkdirSync(path.join(PROJECT_ROOT, '.millennium'), { recursive: true })
  const rows = demoRates().map((row) => `${row.date},${row.currency},${row.quote},${row.rate}`)
  writeFileSync(path.join(PROJECT_ROOT, relative), ['date,currency,quote,rate', ...rows, ''].join('\n'))
  const file = path.join(PROJECT_ROOT, '.env')
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const line = `MILLENNIUM_FX_RATES=${relative}`
  const existing = /^MILLENNIUM_FX_RATES=.*$/m
  let updated: string
  if (existing.test(text)) {
    updated = text.replace(existing, line)
  } else {
    // Append on a line of its own, after a final newline if the file lacks one.
    updated = `${text.replace(/\n?$/, '\n')}${line}\n`
  }
  writeFileSync(file, updated, { mode: 0o600 })
  process.env.MILLENNIUM_FX_RATES = relative
  console.log(`Wrote the demo's made-up exchange rates to ${relative} and set MILLENNIUM_FX_RATES in .env`)
}

function buildViewer(log: (message: string) => void): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) {
    return
  }
  log('Building the viewer (web/dist)')
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    log('The viewer did not build; the API runs without it ("npm run build:web" shows why)')
  }
}
