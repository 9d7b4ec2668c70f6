/**
 * The analytics panel: the measure nodes are sized by with the top members by it, colour by
 * community, and the disruption view (an arrest simulation, its curve, and the members it
 * removed, greyed on the canvas until "Restore").
 */
import './analytics-panel.css'

import { CENTRALITY_MEASURES, MEASURE_NAMES, type CentralityMeasure, type DisruptionRequest, type DisruptionResponse } from './api.js'
import type { AnalyticsView, DisruptionView, TopView } from './analytics-controller.js'
import { plural } from './appearance.js'
import { dataText } from './detail-sections.js'
import { curvePoints, disruptionChart } from './disruption-chart.js'
import { createElement } from './dom.js'
import type { NetworkGraph } from './network.js'
import type { SizeMode, ViewerState } from './state.js'

/** Members a simulation may remove from this panel, one per step. */
export const MAX_REMOVALS = 100
const DEFAULT_REMOVALS = 10

const MEASURE_LABELS: Record<CentralityMeasure, string> = {
  degree: 'Degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  pagerank: 'PageRank',
  eigenvector: 'Eigenvector',
}

const STRATEGY_TEXT: Record<DisruptionRequest['strategy'], string> = {
  recompute: 'recomputed after each removal',
  static: 'ranked once on the whole network',
}

export interface AnalyticsPanelEvents {
  onMeasure(mode: SizeMode): void
  onColourByCommunity(on: boolean): void
  onSimulate(request: DisruptionRequest): void
  onRestore(): void
  /** Opens a member: shows it on the canvas and its details. */
  onOpen(member: { id: string; label: string; name: string }): void
}

export function createAnalyticsPanel(root: HTMLElement, graph: NetworkGraph, events: AnalyticsPanelEvents) {
  // Key members
  const measure = createElement('select', { attributes: { id: 'analytics-measure' } })
  measure.append(createElement('option', { text: 'Nothing (uniform size)', attributes: { value: 'uniform' } }))
  for (const name of CENTRALITY_MEASURES) measure.append(createElement('option', { text: MEASURE_LABELS[name], attributes: { value: name } }))
  measure.addEventListener('change', () => events.onMeasure(measure.value as SizeMode))

  const topMessage = createElement('p', { className: 'muted', attributes: { id: 'analytics-top-message', role: 'status' } })
  const topList = createElement('ol', { className: 'top-members', attributes: { id: 'analytics-top' } })

  // Communities
  const communities = createElement('input', { attributes: { type: 'checkbox', id: 'analytics-communities' } })
  communities.addEventListener('change', () => events.onColourByCommunity(communities.checked))

  // Disruption
  const disruptionMeasure = createElement('select', { attributes: { id: 'disruption-measure' } })
  for (const name of CENTRALITY_MEASURES) {
    disruptionMeasure.append(createElement('option', { text: MEASURE_LABELS[name], attributes: { value: name } }))
  }
  const strategy = createElement('select', { attributes: { id: 'disruption-strategy' } })
  for (const [value, text] of Object.entries(STRATEGY_TEXT)) {
    strategy.append(createElement('option', { text: text.charAt(0).toUpperCase() + text.slice(1), attributes: { value } }))
  }
  const removals = createElement('input', {
    attributes: { id: 'disruption-removals', type: 'number', min: '1', max: String(MAX_REMOVALS), step: '1', required: '' },
  })
  removals.value = String(DEFAULT_REMOVALS)
  const formMessage = createElement('p', { className: 'error', attributes: { id: 'disruption-message', role: 'alert' } })
  formMessage.hidden = true
  const run = createElement('button', { text: 'Simulate', attributes: { type: 'submit', id: 'disruption-run' } })
  const restore = createElement('button', { text: 'Restore', attributes: { type: 'button', id: 'disruption-restore' } })
  restore.addEventListener('click', events.onRestore)

  const form = createElement('form', { className: 'disruption-form', attributes: { id: 'disruption-form', novalidate: '' } }, [
    label('disruption-measure', 'Remove members by'),
    disruptionMeasure,
    label('disruption-strategy', 'Ranking'),
    strategy,
    label('disruption-removals', `Members to remove (1 to ${MAX_REMOVALS})`),
    removals,
    formMessage,
    createElement('div', { className: 'actions' }, [run, restore]),
  ])
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const count = Number(removals.value)
    if (!Number.isInteger(count) || count < 1 || count > MAX_REMOVALS) {
      formMessage.textContent = `Members to remove must be a whole number from 1 to ${MAX_REMOVALS}; “${removals.value}” is not.`
      formMessage.hidden = false
      return
    }
    formMessage.hidden = true
    events.onSimulate({
      measure: disruptionMeasure.value as CentralityMeasure,
      strategy: strategy.value as DisruptionRequest['strategy'],
      blockSize: 1,
      maxSteps: count,
    })
  })

  const disruptionStatus = createElement('p', { className: 'muted', attributes: { id: 'disruption-status', role: 'status' } })
  const result = createElement('div', { className: 'disruption-result', attributes: { id: 'disruption-result' } })

  root.replaceChildren(
    createElement('h2', { text: 'Analytics', attributes: { id: 'analytics-title' } }),
    createElement('h3', { text: 'Key members' }),
    label('analytics-measure', 'Rank and size nodes by'),
    measure,
    topMessage,
    topList,
    createElement('h3', { text: 'Communities' }),
    createElement('label', { className: 'checkbox', attributes: { for: 'analytics-communities' } }, [
      communities,
      document.createTextNode('Colour by community (Louvain)'),
    ]),
    createElement('p', { className: 'muted', text: 'The legend lists each community with its size.' }),
    createElement('h3', { text: 'Disruption' }),
    createElement('p', {
      className: 'muted',
      text: 'Simulates arrests over the whole network you may see: the highest-ranked member is removed at each step.',
    }),
    form,
    disruptionStatus,
    result,
  )

  let shownTop: TopView | null = null
  let shownDisruption: DisruptionView | null = null

  function renderTop(top: TopView): void {
    if (top === shownTop) return
    shownTop = top
    topList.replaceChildren()

    switch (top.status) {
      case 'idle':
        topMessage.textContent = 'Choose a measure to size the nodes by it and list the top members.'
        return
      case 'loading':
        topMessage.textContent = `Ranking the members by ${MEASURE_NAMES[top.measure]}…`
        return
      case 'failed':
        topMessage.textContent = top.message
        return
      case 'done':
        break
    }

    const scores = top.response.scores
    topMessage.textContent =
      scores.length === 0
        ? 'No members to rank: the network you may see is empty.'
        : `Top ${scores.length} by ${MEASURE_NAMES[top.response.measure]}, highest first:`
    for (const entry of scores) {
      const button = createElement('button', {
        className: 'top-member',
        attributes: { type: 'button', 'data-id': entry.id, title: `${entry.label} · score ${entry.score}` },
      })
      button.append(
        dataText('span', entry.name, { class: 'top-name' }),
        createElement('span', { className: 'top-score', text: formatScore(entry.score), attributes: { 'data-score': String(entry.score) } }),
      )
      button.addEventListener('click', () => events.onOpen({ id: entry.id, label: entry.label, name: entry.name }))
      topList.append(createElement('li', {}, [button]))
    }
  }

  function renderDisruption(disruption: DisruptionView): void {
    if (disruption === shownDisruption) return
    shownDisruption = disruption
    result.replaceChildren()
    run.disabled = disruption.status === 'running'

    switch (disruption.status) {
      case 'idle':
        disruptionStatus.textContent = ''
        return
      case 'running':
        disruptionStatus.textContent = `Simulating ${plural(disruption.request.maxSteps, 'removal')}…`
        if (disruption.progress !== null) disruptionStatus.textContent += ` ${disruption.progress}`
        return
      case 'failed':
        disruptionStatus.textContent = disruption.message
        return
      case 'done':
        break
    }

    const { request, names } = disruption
    const response = disruption.result
    const points = curvePoints(response)
    const summaryText = summarise(request, response, points.length - 1, graph)
    disruptionStatus.textContent = ''

    const chart = disruptionChart(points, 'disruption-chart-title', 'disruption-summary')
    const removedList = createElement('ol', { className: 'removed-members', attributes: { id: 'disruption-removed' } })
    for (const step of response.steps) {
      const percent = formatPercent(step.fraction)
      for (const id of step.removed) {
        const button = createElement('button', { className: 'removed-member', attributes: { type: 'button', 'data-id': id } })
        button.append(
          dataText('span', names.get(id) ?? id, { class: 'removed-name' }),
          createElement('span', { className: 'removed-effect muted', text: `largest component ${step.largestComponent} (${percent})` }),
        )
        if (!graph.hasNode(id)) button.append(createElement('span', { className: 'removed-note muted', text: 'not on screen' }))
        button.addEventListener('click', () => events.onOpen({ id, label: '', name: names.get(id) ?? id }))
        removedList.append(createElement('li', {}, [button]))
      }
    }

    result.append(
      createElement('p', { className: 'chart-title', text: 'Largest connected component after each removal', attributes: { id: 'disruption-chart-title' } }),
      chart,
      createElement('p', { text: summaryText, attributes: { id: 'disruption-summary' } }),
      createElement('h4', { text: 'Removed, in order' }),
      removedList,
    )
  }

  return {
    render(view: AnalyticsView, state: Readonly<ViewerState>): void {
      root.hidden = false
      measure.value = state.sizeMode
      communities.checked = state.colourMode === 'community'
      restore.disabled = state.removedNodes === null && view.disruption.status !== 'running'
      renderTop(view.top)
      renderDisruption(view.disruption)
    },
  }
}

function label(target: string, text: string): HTMLLabelElement {
  return createElement('label', { text, attributes: { for: target } })
}

/**
 * Shows a score with six significant digits; the exact value the API returned is in the
 * element's `data-score` and its tooltip.
 */
export function formatScore(score: number): string {
  if (Number.isInteger(score)) return score.toLocaleString('en')
  return String(Number(score.toPrecision(6)))
}

function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}

function summarise(request: DisruptionRequest, response: DisruptionResponse, removed: number, graph: NetworkGraph): string {
  const ranking = `${MEASURE_NAMES[request.measure]}, ${STRATEGY_TEXT[request.strategy]}`
  const scope = `The simulation ran on ${plural(response.projection.nodeCount, 'node')} and ${plural(response.projection.relationshipCount, 'relationship')}.`
  const last = response.steps.at(-1)
  if (last === undefined) {
    return `Nothing was removed: no two members of the network you may see are linked. ${scope}`
  }

  const ids = response.steps.flatMap((step) => step.removed)
  const offScreen = ids.filter((id) => !graph.hasNode(id)).length
  let text =
    `Removing ${plural(removed, 'member')} ranked by ${ranking} shrinks the largest connected component ` +
    `from ${plural(response.originalLargestComponent, 'node')} to ${plural(last.largestComponent, 'node')} ` +
    `(${formatPercent(last.fraction)} of its size). ${scope}`
  if (response.steps.length < request.maxSteps) {
    text += ` No two members were linked any more after ${plural(removed, 'removal')}, so the simulation stopped there.`
  }
  if (offScreen > 0) text += ` ${plural(offScreen, 'removed member is', 'removed members are')} not on screen.`
  return text
}
