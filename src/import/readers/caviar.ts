/**
 * Reader for the CAVIAR wiretap network (Morselli 2009), a CSV adjacency matrix. Its first row
 * and first column are player ids, and the cell at row i, column j is the number of
 * intercepted calls from player i to player j.
 *
 * The whole-network file `morselli_caviar.csv` writes ids as `1` under an empty corner cell,
 * and the phase files `phase1.csv` .. `phase11.csv` write `"1"` under a `"players"` corner. Both
 * forms, and `N1`, give the node id `caviar:N1`, so every file shares the same people. Each
 * non-zero cell off the diagonal becomes a CALLED relationship with `count` (bigint) and
 * `weight` (float, the same number). Relationship ids carry the provenance source, which is
 * `caviar` for the whole network and `caviar-phase3` for phase 3: `caviar-phase3:N1->N83`.
 */
import { parseCsv, type CsvRecord } from '../csv-parse.js'
import type { ReadResult } from '../../model/records.js'
import { openDataProvenance, quote, ReadCollector, rejectFile, UNSIGNED_INTEGER, type ReadOptions } from './common.js'

const PLAYER_ID = /^N?(\d+)$/i

/** Provenance source of CAVIAR people, whichever file they are read from. */
export const CAVIAR_SOURCE = 'caviar'

/** Returns the investigation phase a file name stands for, or null for the whole network. */
export function caviarPhase(file: string): number | null {
  const match = /phase(\d+)\.csv$/i.exec(file)
  return match ? Number(match[1]) : null
}

export function readCaviar(text: string, options: ReadOptions): ReadResult {
  const { records } = parseCsv(text)
  const [header, ...rows] = records
  if (!header || header.problem) {
    return rejectFile(options.file, header?.line ?? 1, 'Invalid header: expected a row of player ids.')
  }

  const players: string[] = []
  for (const cell of header.fields.slice(1)) {
    const player = playerNumber(cell)
    if (player === undefined || players.includes(player)) {
      const problem = player === undefined ? 'is not a player id such as 12 or N12' : 'appears twice'
      return rejectFile(options.file, header.line, `Invalid header: the player id ${quote(cell)} ${problem}.`)
    }
    players.push(player)
  }

  const phase = caviarPhase(options.file)
  const source = options.source ?? (phase === null ? CAVIAR_SOURCE : `${CAVIAR_SOURCE}-phase${phase}`)
  const collector = new ReadCollector(options.file)

  for (const player of players) {
    collector.nodes.push({
      id: nodeId(player),
      label: 'Person',
      name: `CAVIAR player ${player}`,
      properties: {},
      provenance: openDataProvenance(CAVIAR_SOURCE),
    })
  }

  const rowLines = new Map<string, number>()
  for (const row of rows) {
    readRow(row, players, rowLines, { collector, source, phase })
  }
  for (const player of players) {
    if (!rowLines.has(player)) {
      collector.reject(header.line, `Player ${player} has a column but no row, so their outgoing calls are unknown.`)
    }
  }
  return collector.result()
}

interface RowContext {
  collector: ReadCollector
  source: string
  phase: number | null
}

function readRow(row: CsvRecord, players: string[], rowLines: Map<string, number>, context: RowContext): void {
  const { collector, source, phase } = context
  const cell = row.fields[0] ?? ''
  const caller = playerNumber(cell)

  if (row.problem) {
    collector.reject(row.line, `Invalid CSV at value ${quote(row.problem.value)}: ${row.problem.message}.`)
    return
  }
  if (caller === undefined || !players.includes(caller)) {
    collector.reject(row.line, `Unknown player ${quote(cell)} in the first column: the header has no such id.`)
    return
  }
  if (rowLines.has(caller)) {
    collector.reject(row.line, `Duplicate row for player ${caller}: line ${rowLines.get(caller)} has the same player.`)
    return
  }
  rowLines.set(caller, row.line)
  if (row.fields.length !== players.length + 1) {
    collector.reject(
      row.line,
      `The row for player ${caller} has ${row.fields.length - 1} cells but the header has ${players.length} players.`,
    )
    return
  }

  players.forEach((callee, index) => {
    const text = (row.fields[index + 1] ?? '').trim()
    if (text === '' || /^0+$/.test(text)) {
      return
    }
    if (!UNSIGNED_INTEGER.test(text)) {
      collector.reject(
        row.line,
        `Invalid call count ${quote(text)} in column ${callee} of player ${caller}. Expected a whole number.`,
      )
      return
    }
    if (callee === caller) {
      collector.reject(row.line, `Non-zero diagonal cell ${quote(text)} for player ${caller}: a player cannot call themselves.`)
      return
    }

    const count = BigInt(text)
    collector.relationships.push({
      id: `${source}:N${caller}->N${callee}`,
      type: 'CALLED',
      source: nodeId(caller),
      target: nodeId(callee),
      properties: phase === null ? { count, weight: Number(count) } : { count, weight: Number(count), phase: BigInt(phase) },
      provenance: openDataProvenance(source),
    })
  })
}

/** Returns the digits of a player id, or undefined when the cell is not one. */
function playerNumber(cell: string): string | undefined {
  return PLAYER_ID.exec(cell.trim())?.[1]
}

function nodeId(player: string): string {
  return `caviar:N${player}`
}
