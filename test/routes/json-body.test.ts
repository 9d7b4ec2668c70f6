/**
 * Deeply nested JSON bodies are refused before they are parsed: a body of a few hundred
 * kilobytes of brackets used to hold the event loop for minutes in the checks that walk it.
 */
import t from 'tap'

import { MAX_BODY_DEPTH, pathBeyondDepth } from '../../src/server/json-body.js'
import { bearer, buildTestApp } from '../helpers/app.js'

t.test('pathBeyondDepth finds the key where the nesting goes too deep', async (t) => {
  t.equal(pathBeyondDepth('{"a":[1,2,{"b":3}]}', 3), null, 'three levels fit in three')
  t.same(pathBeyondDepth('{"a":[1,2,{"b":3}]}', 2), ['a'], 'the third level opens under "a"')
  t.same(pathBeyondDepth('{"a":{"b":{"c":{}}}}', 3), ['a', 'b', 'c'])
  t.same(pathBeyondDepth('[[[[1]]]]', 2), [], 'a top-level array has no key')
  t.equal(pathBeyondDepth('{"a":"[[[[{{{{"}', 2), null, 'brackets inside strings do not count')
  t.equal(pathBeyondDepth('{"a\\"[[[":"\\\\"}', 1), null, 'escaped quotes and backslashes end strings where JSON does')
  t.same(pathBeyondDepth('{ "x" : { "y" :[[1]]}}', 3), ['x', 'y'], 'spaces around the colon')
})

t.test('a body nested 400,000 levels gets a 400 and the service keeps answering', async (t) => {
  const app = await buildTestApp()
  t.teardown(() => app.close())
  const depth = 400_000
  const payload = `{"parameters":${'['.repeat(depth)}${']'.repeat(depth)}}`
  const deep = await app.inject({
    method: 'POST',
    url: '/api/queries/top-scored',
    headers: { 'content-type': 'application/json' },
    payload,
  })
  t.equal(deep.statusCode, 400)
  t.equal(deep.json().code, 'MLN_INVALID_PARAMETER')
  t.match(deep.json().message, `Invalid body field "parameters": nested deeper than ${MAX_BODY_DEPTH} levels`)

  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200, 'health answers after the deep body')

  const shallow = await app.inject({
    method: 'POST',
    url: '/api/queries/top-scored',
    headers: { ...bearer('analyst'), 'content-type': 'application/json' },
    payload: { parameters: { limit: 5, measure: 'degree' } },
  })
  t.equal(shallow.statusCode, 200, 'a body of ordinary depth still reaches the route')
  t.type(shallow.json().rows, Array)
})
