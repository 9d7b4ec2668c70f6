import t from 'tap'

import { ConfigError, boltAddress, loadConfig } from '../../src/config/env.js'

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!'

function issuesOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment)
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.issues
    }
    throw error
  }
  return []
}

t.test('defaults with only a secret', async (t) => {
  const config = loadConfig({ JWT_SECRET: SECRET })
  t.equal(config.port, 3000)
  t.equal(config.host, '127.0.0.1')
  t.equal(config.neo4j.uri, null)
  t.equal(config.neo4j.user, 'neo4j')
  t.equal(config.neo4j.transactionTimeoutMs, 30000)
})

t.test('missing secret names the variable', async (t) => {
  const issues = issuesOf({})
  t.equal(issues.length, 1)
  t.match(issues[0], /^JWT_SECRET \(missing\): is required/)
})

t.test('short secret is rejected without echoing it', async (t) => {
  const issues = issuesOf({ JWT_SECRET: 'short-secret' })
  t.match(issues[0], /^JWT_SECRET \(set \(hidden\)\): must be at least 32 bytes/)
  t.notMatch(issues[0], /short-secret/)
})

t.test('invalid values name variable and value', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['PORT', '70000', /^PORT \("70000"\)/],
    ['PORT', 'http', /^PORT \("http"\)/],
    ['NEO4J_URI', 'http://localhost:7474', /^NEO4J_URI \("http:\/\/localhost:7474"\): must be a Bolt URI/],
    ['NEO4J_PASSWORD', 'short', /^NEO4J_PASSWORD \(set \(hidden\)\): must be at least 8 characters/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL \("loud"\)/],
    ['NEO4J_HEAP', 'lots', /^NEO4J_HEAP \("lots"\): must be a Java heap size/],
  ]
  for (const [name, value, pattern] of cases) {
    const issues = issuesOf({ JWT_SECRET: SECRET, [name]: value })
    t.equal(issues.length, 1, `${name}=${value} gives one issue`)
    t.match(issues[0], pattern, `${name}=${value}`)
  }
})

t.test('empty variables count as unset', async (t) => {
  const config = loadConfig({ JWT_SECRET: SECRET, NEO4J_URI: '', PORT: '' })
  t.equal(config.neo4j.uri, null)
  t.equal(config.port, 3000)
})

t.test('db commands need no secret', async (t) => {
  const config = loadConfig({}, { requireSecret: false })
  t.equal(config.jwtSecret, '')
})

t.test('bolt address from URI', async (t) => {
  t.same(boltAddress('bolt://127.0.0.1:7699'), { host: '127.0.0.1', port: 7699 })
  t.same(boltAddress('neo4j://localhost'), { host: 'localhost', port: 7687 })
})
