import t from 'tap'

import { writeNodesCsv } from '../../src/export/csv.js'
import type { ExportNode } from '../../src/export/model.js'

function node(key: string, name: string, values: ExportNode['values'] = []): ExportNode {
  return { key, label: 'Person', name, source: null, ownerNcb: null, restrictedTo: [], values }
}

t.test('formula-like text cells are defused', async (t) => {
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "\"'\rcmd\""],
    ['Ann', 'Ann'],
  ]
  const graph = { nodes: cases.map(([name], index) => node(`p${index}`, name)), edges: [] }
  const lines = [...writeNodesCsv(graph)].slice(1)
  cases.forEach(([name, written], index) => {
    t.equal(lines[index], `p${index},Person,${written},,,,\r\n`, JSON.stringify(name))
  })
})

t.test('typed number cells stay numeric', async (t) => {
  const graph = {
    nodes: [node('p1', 'Ann', [{ name: 'score', type: 'float', text: '-2.5' }, { name: 'note', type: 'string', text: '-2.5' }])],
    edges: [],
  }
  const [header, line] = [...writeNodesCsv(graph)]
  t.equal(header, 'id,type,name,source,ownerNcb,restrictedTo,currency,score:float,note\r\n')
  t.equal(line, "p1,Person,Ann,,,,,-2.5,'-2.5\r\n")
})
