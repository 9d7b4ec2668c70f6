import t from 'tap'

import { writeGexf } from '../../src/export/gexf.js'
import { writeGraphml } from '../../src/export/graphml.js'
import type { ExportGraph } from '../../src/export/model.js'
import { readGexf } from '../../src/import/readers/gexf.js'
import { readGraphml } from '../../src/import/readers/graphml.js'

function graphNamed(name: string): ExportGraph {
  return { nodes: [{ key: 'p1', label: 'Person', name, source: null, ownerNcb: null, restrictedTo: [], values: [] }], edges: [] }
}

const READERS = {
  gexf: (name: string) => readGexf([...writeGexf(graphNamed(name))].join(''), { file: 'a.gexf' }).nodes[0]?.name,
  graphml: (name: string) => readGraphml([...writeGraphml(graphNamed(name))].join(''), { file: 'a.graphml' }).nodes[0]?.name,
}

for (const [format, roundTrip] of Object.entries(READERS)) {
  t.test(`${format} keeps separators and line breaks`, async (t) => {
    t.equal(roundTrip('a\u2028b\u2029c'), 'a\u2028b\u2029c', 'U+2028 and U+2029')
    t.equal(roundTrip('a\r\nb\tc'), 'a\r\nb\tc', 'CRLF and tab')
  })

  t.test(`${format} replaces control characters`, async (t) => {
    t.equal(roundTrip('a\u0001b\u001fc'), 'a\ufffdb\ufffdc', 'XML 1.0 cannot hold them')
  })
}
