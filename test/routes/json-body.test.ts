/**
 * Deeply nested JSON bodies are refused before they are parsed: a body of a few hundred
 * kilobytes of brackets used to hold the event loop for minutes in the checks that walk it.
 */
import t from 'tap'

import { findPrototypeKey, MAX_BODY_DEPTH, pathBeyondDepth } from '../../src/server/json-body.js'
import { bearer, buildTestApp } from '../helpers/app.js'

t.test('findPrototypeKey names the path of a prototype key', async (t) => {
  t.same(findPrototypeKey(JSON.parse('{"a":[{"b":1},{"__proto__":{"x":1}}]}')), ['a', '1', '__proto__'])
  t.same(findPrototypeKey(JSON.parse('{"constructor":{"prototype":{}}}')), ['constructor', 'prototype'])
  t.equal(findPrototypeKey(JSON.parse('{"a":[1,2,{"b":"__proto__"}]}')), null, 'a value named __proto__ is harmless')
})

t.test('pathBeyondDepth finds the key where the nesting goes too deep', async (t) => {
  t.equal(pathBeyondDepth('{"a":[1,2,{"b":3}]}', 3), null, 'three levels fit in three')
  t.same(pathBeyondDepth('{"a":[1,2,{"b":3}]}', 2), ['a', '2'], 'the third level opens at item 2 of "a"')
  t.same(pathBeyondDepth('{"a":{"b":{"c":{}}}}', 3), ['a', 'b', 'c'])
  t.same(pathBeyondDepth('[[[[1]]]]', 2), ['0', '0'], 'array items are named by index')
  t.same(pathBeyondDepth('[[1]]', 0), [], 'a top level too deep already has an empty path')
  t.equal(pathBeyondDepth('{"a":"[[[[{{{{"}', 2), null, 'brackets inside strings do not count')
  t.equal(pathBeyondDepth('{"a\\"[[[":"\\\\"}', 1), null, 'escaped quotes and backslashes end strings where JSON does')
  t.same(pathBeyondDepth('{ "x" : { "y" :[[1]]}}', 3), ['x', 'y', '0'], 'spaces around the colon')
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
  t.match(deep.json().message, `Invalid body field "parameters.0.0.0...": nested deeper than ${MAX_BODY_DEPTH} levels`)

  const wide = await app.inject({
    method: 'POST',
    url: '/api/queries/top-scored',
    headers: { 'content-type': 'application/json' },
    payload: `{"parameters":${'['.repeat(60)}${Array.from({ length: 120_000 }, () => '{"a":0}').join(',')}${']'.repeat(60)}}`,
  })
  t.equal(wide.statusCode, 400, 'a wide body within the depth is parsed and refused by the schema')
  t.match(wide.json().message, 'parameters')

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
