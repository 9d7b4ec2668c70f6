/**
 * Entry point: finds the page's elements, wires the components to the controller and
 * decides between the sign-in form and the workspace.
 */
import './styles.css'

import { RELATIONSHIP_TYPES } from '../../src/model/schema.js'
import { createAnalyticsController } from './analytics-controller.js'
import { createAnalyticsPanel } from './analytics-panel.js'
import { CENTRALITY_MEASURES, createApiClient, fetchGeo } from './api.js'
import { createChartsView } from './charts/charts-view.js'
import { createController } from './controller.js'
import { createDetailController } from './detail-controller.js'
import { createDetailPanel } from './detail-panel.js'
import { requireElement } from './dom.js'
import { exportView } from './export/view-export.js'
import { createGraphActions } from './graph-actions.js'
import { countShown } from './graph-edits.js'
import { createGraphView, type GraphView } from './graph-view.js'
import { createLegend } from './legend.js'
import { createMapView } from './map/map-view.js'
import { createMoneyController } from './money-controller.js'
import { createMoneyForm } from './money-form.js'
import { createMoneyPanel } from './money-panel.js'
import { createNetwork } from './network.js'
import { createOpenView } from './open-view.js'
import { DEFAULT_PATH_OPTIONS, createPathController } from './path-controller.js'
import { createPathPanel } from './path-panel.js'
import { createSearchBox } from './search.js'
import { createSignIn } from './sign-in.js'
import { INITIAL_STATE, createStore, type ColourMode, type SizeMode } from './state.js'
import { createStatusBar } from './status-bar.js'
import { forgetToken, readStoredToken, storeToken, takeTokenFromFragment } from './token.js'
import { createViewTabs } from './views.js'
import { createWorkspaceTimeline } from './workspace-timeline.js'

const workspace = requireElement('workspace', HTMLDivElement)
const graphContainer = requireElement('graph', HTMLDivElement)
const colourSelect = requireElement('colour-mode', HTMLSelectElement)
const sizeSelect = requireElement('size-mode', HTMLSelectElement)

const api = createApiClient(readStoredToken)
const graph = createNetwork()
const store = createStore(INITIAL_STATE)
const tabs = createViewTabs()

const status = createStatusBar({
  nodeCount: requireElement('node-count', HTMLElement),
  edgeCount: requireElement('edge-count', HTMLElement),
  notice: requireElement('notice', HTMLElement),
  nodeNoun: requireElement('node-noun', HTMLElement),
  edgeNoun: requireElement('edge-noun', HTMLElement),
})
const legend = createLegend(requireElement('legend', HTMLElement), graph)
const pathPanel = createPathPanel(requireElement('path-panel', HTMLElement), graph, RELATIONSHIP_TYPES, DEFAULT_PATH_OPTIONS, {
  onSearch: (options) => void paths.setOptions(options),
  onShowPath: (index) => paths.showPath(index),
  onSelectNode: (key) => {
    view?.focus(key)
    void controller.select(key)
  },
  onClear: () => paths.clearPath(),
})
const detail = createDetailPanel(requireElement('details', HTMLElement), {
  onExpand: (id) => void controller.expand(id),
  onExpandType: (id, type) => void details.expandType(id, type),
  onPathFrom: (id) => void paths.setPathEnd('from', id),
  onPathTo: (id) => void paths.setPathEnd('to', id),
  onTraceMoney: (id, name) => moneyForm.open(id, name),
  onClose: () => void controller.select(null),
})
const moneyForm = createMoneyForm(
  {
    section: requireElement('money-form-panel', HTMLElement),
    form: requireElement('money-form', HTMLFormElement),
    fromName: requireElement('money-from-name', HTMLElement),
    direction: requireElement('money-direction', HTMLSelectElement),
    maxHops: requireElement('money-max-hops', HTMLInputElement),
    since: requireElement('money-since', HTMLInputElement),
    until: requireElement('money-until', HTMLInputElement),
    currency: requireElement('money-currency', HTMLInputElement),
    minAmount: requireElement('money-min-amount', HTMLInputElement),
    holders: requireElement('money-holders', HTMLInputElement),
    message: requireElement('money-form-message', HTMLElement),
    cancel: requireElement('money-form-cancel', HTMLButtonElement),
  },
  (query, name) => void money.trace(query, name),
)
const moneyPanel = createMoneyPanel(requireElement('money-panel', HTMLElement), graph, {
  onHighlightPath: (index) => money.highlightPath(index),
  onRangeChange: (range) => money.setRange(range),
  onLeave: () => {
    moneyForm.close()
    void money.leave()
  },
})

const timeline = createWorkspaceTimeline(requireElement('timeline-bar', HTMLElement), graph, store)

let view: GraphView | null = null

function onGraphChanged(): void {
  status.showCounts(countShown(graph, store.get()))
  timeline.rebuild()
  legend.render(store.get())
  pathPanel.render(store.get())
}

const controller = createController({
  api,
  graph,
  store,
  status,
  detail,
  onGraphChanged,
  focus: (key) => view?.focus(key),
  fit: (keys) => view?.fit(keys),
  pixelsAcross: () => view?.pixelsAcross() ?? 0,
  isPanning: () => view?.isPanning() ?? false,
  onUnauthorized: (error) =>
    signOut(
      `You have been signed out because the service rejected the token as missing, invalid or expired ` +
        `(“${error.detail}”). Paste a new token to sign in.`,
    ),
})

const paths = createPathController({
  api,
  graph,
  store,
  mergeExpansion: (payload, anchor, name) => controller.mergeExpansion(payload, anchor, name),
  fit: (keys) => view?.fit(keys),
  reportFailure: (action, error) => controller.reportFailure(action, error),
})

const details = createDetailController({
  api,
  graph,
  status,
  mergeExpansion: (payload, anchor, name) => controller.mergeExpansion(payload, anchor, name),
  reportFailure: (action, error) => controller.reportFailure(action, error),
})

const analyticsPanel = createAnalyticsPanel(requireElement('analytics-panel', HTMLElement), graph, {
  onMeasure: (mode) => void analytics.setMeasure(mode),
  onColourByCommunity: (on) => void analytics.setColourByCommunity(on),
  onSimulate: (request) => void analytics.simulate(request),
  onRestore: () => analytics.restore(),
  onOpen: (member) => void controller.openSearchResult({ ...member, aliases: [], score: 0 }),
})
const analytics = createAnalyticsController({
  api,
  graph,
  store,
  setSizeMode: (mode) => controller.setSizeMode(mode),
  setColourMode: (mode) => controller.setColourMode(mode),
  render: (analyticsView, state) => analyticsPanel.render(analyticsView, state),
  onUnauthorized: (error) => controller.reportFailure('Analytics', error),
})

const money = createMoneyController({
  api,
  graph,
  store,
  status,
  detail,
  onGraphChanged,
  resetCamera: () => view?.resetCamera(),
  reportFailure: (action, error) => controller.reportFailure(action, error),
  loadOverview: () => controller.loadOverview(),
})

const mapView = createMapView(requireElement('map-view', HTMLElement), {
  store,
  load: (signal) => fetchGeo(readStoredToken, signal),
  onOpenEntity: (entity) => {
    tabs.open('network')
    void controller.openSearchResult({ ...entity, aliases: [], score: 0 })
  },
  onFailure: (error) => controller.reportFailure('Loading the map', error),
})
tabs.register('map', { show: () => mapView.show(), hide: () => mapView.hide() })
const charts = createChartsView(requireElement('charts-view', HTMLElement), {
  api,
  readToken: readStoredToken,
  store,
  onOpenMember: (member) => {
    tabs.open('network')
    void controller.openSearchResult({ ...member, aliases: [], score: 0 })
  },
  onUnauthorized: (error) =>
    signOut(`You have been signed out because the service rejected the token (“${error.detail}”). Sign in again.`),
})
tabs.register('charts', charts)

let countedState = store.get()
store.subscribe((state) => {
  if (state.hiddenNodes !== countedState.hiddenNodes || state.groups !== countedState.groups) {
    status.showCounts(countShown(graph, state))
  }
  countedState = state
  legend.render(state)
  pathPanel.render(state)
  moneyPanel.render(state)
  colourSelect.value = state.colourMode
  sizeSelect.value = state.sizeMode
})

const signIn = createSignIn(
  {
    section: requireElement('sign-in', HTMLElement),
    form: requireElement('sign-in-form', HTMLFormElement),
    input: requireElement('token-input', HTMLInputElement),
    message: requireElement('sign-in-message', HTMLElement),
    passwordForm: requireElement('password-form', HTMLFormElement),
    username: requireElement('username-input', HTMLInputElement),
    password: requireElement('password-input', HTMLInputElement),
    tokenHeading: requireElement('token-form-title', HTMLElement),
  },
  (token) => {
    storeToken(token)
    openWorkspace()
  },
)

createSearchBox(
  {
    input: requireElement('search-input', HTMLInputElement),
    typeFilter: requireElement('search-type', HTMLSelectElement),
    listbox: requireElement('search-suggestions', HTMLUListElement),
    message: requireElement('search-message', HTMLElement),
  },
  {
    search: (text, type, signal) => api.search(text, type, signal),
    onPick: (result) => void controller.openSearchResult(result),
    onError: (error) => controller.reportFailure('Search', error),
  },
)

colourSelect.addEventListener('change', () => {
  void controller.setColourMode(colourSelect.value as ColourMode).then(() => {
    colourSelect.value = store.get().colourMode
  })
})

sizeSelect.addEventListener('change', () => {
  const mode = sizeSelect.value
  if (mode !== 'uniform' && !(CENTRALITY_MEASURES as readonly string[]).includes(mode)) return
  void controller.setSizeMode(mode as SizeMode).then(() => {
    sizeSelect.value = store.get().sizeMode
  })
})

createOpenView({
  input: requireElement('open-view', HTMLInputElement),
  graph,
  status,
  beforeReplace: async () => {
    timeline.stop()
    await controller.select(null)
    paths.clearPath()
    store.update({ money: null, timeRange: null, removedNodes: null })
  },
  onGraphChanged,
  resetCamera: () => view?.resetCamera(),
  runLayout: () => controller.runLayout(),
})

function edited(step: { description: string } | null, verb: string): void {
  const nothing = verb === 'Undone' ? 'Nothing to undo.' : 'Nothing to redo.'
  status.notify('info', step === null ? nothing : `${verb}: ${step.description}.`)
  onGraphChanged()
}

const selection = (): ReadonlySet<string> => store.get().selection
createGraphActions(requireElement('graph-actions', HTMLDivElement), store, controller.edits.history, {
  hide: () => controller.edits.hide(selection()),
  showHidden: () => controller.edits.showHidden(),
  remove: () => controller.edits.remove(selection()),
  togglePin: () => controller.edits.togglePin(selection()),
  group: () => void controller.edits.group(selection()),
  ungroup: () => controller.edits.ungroup(selection()),
  undo: () => edited(controller.edits.undo(), 'Undone'),
  redo: () => edited(controller.edits.redo(), 'Redone'),
  toggleLayout: () => (controller.layout.isRunning() ? controller.layout.stop() : controller.runLayout()),
  exportAs: (format) => {
    if (view === null) {
      status.notify('error', 'There is no view to export: the graph could not be drawn in this browser.')
      return
    }
    exportView(format, graph, view.renderer).then(
      (fileName) => status.notify('info', `Exported the view as ${fileName}.`),
      (error: unknown) => controller.reportFailure(`Exporting ${format.toUpperCase()}`, error),
    )
  },
})

requireElement('sign-out', HTMLButtonElement).addEventListener('click', () => signOut(null))
requireElement('reset-camera', HTMLButtonElement).addEventListener('click', () => view?.resetCamera())

function openWorkspace(): void {
  signIn.hide()
  workspace.hidden = false
  // The renderer is made once the container is visible, so that it measures a real size.
  try {
    view ??= createGraphView(graphContainer, graph, store, {
      onSelect: (key, additive) => void controller.select(key, additive),
      onExpand: (key) => (controller.edits.isGroup(key) ? controller.edits.ungroup([key]) : void controller.expand(key)),
      onMoved: (key, from, to) => controller.edits.recordMove('Move a node', new Map([[key, from]]), new Map([[key, to]])),
    })
  } catch (error) {
    // Sigma draws with WebGL and throws when the browser has no WebGL context to give it.
    const reason = error instanceof Error ? error.message : String(error)
    status.notify('error', `The graph cannot be drawn in this browser: ${reason}. Enable WebGL or try another browser.`)
  }
  analyticsPanel.render(analytics.view(), store.get())
  void controller.loadOverview()
}

function signOut(reason: string | null): void {
  forgetToken()
  view?.destroy()
  view = null
  timeline.stop()
  controller.reset()
  analytics.reset()
  moneyForm.close()
  mapView.reset()
  // The next user starts on the network view with an empty search box.
  requireElement('search-input', HTMLInputElement).value = ''
  tabs.open('network')
  workspace.hidden = true
  signIn.show(reason)
}

const token = takeTokenFromFragment() ?? readStoredToken()
if (token === null) signIn.show(null)
else openWorkspace()
