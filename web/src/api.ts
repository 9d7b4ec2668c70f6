/**
 * Client for the Millennium REST API. Every request carries the bearer token, and every
 * failure becomes an `ApiError` so that callers can tell an expired token (401) from
 * other failures.
 */
import type { SerializedGraph } from 'graphology-types'

/** Node attributes as the API sends them. `label` is the Neo4j label, not display text. */
export interface EntityNodeAttributes {
  label: string
  name?: string
  [property: string]: unknown
}

/** Relationship attributes as the API sends them. `type` is the Neo4j relationship type. */
export interface RelationshipAttributes {
  type: string
  [property: string]: unknown
}

export type GraphPayload = SerializedGraph<EntityNodeAttributes, RelationshipAttributes>

export interface GraphResponse {
  graph: GraphPayload
  truncated: boolean
}

export interface SearchResult {
  id: string
  label: string
  name: string
  aliases: string[]
  score: number
}

export interface Provenance {
  /** The import the record came from; null when the service does not know it. */
  source: string | null
  ownerNcb: string | null
  restrictedTo: string[]
}

export interface Entity {
  id: string
  label: string
  name: string
  properties: Record<string, unknown>
  provenance: Provenance
  links: LinkCount[]
  notices: NoticeSummary[]
}

export interface ShortestPathResponse {
  paths: { length: number; nodes: string[]; relationships: string[] }[]
  graph: GraphPayload
}

export type TraceDirection = 'out' | 'in'

/** The request of a money trail; null leaves a parameter to the service's default. */
export interface TraceQuery {
  from: string
  direction: TraceDirection
  maxHops: number
  since: string | null
  until: string | null
  currency: string | null
  minAmount: string | null
  holders: boolean
}

export interface TraceEndpoint {
  id: string
  label: string
  name: string
  /** Exact decimal string in the trail's currency. */
  amount: string
  /** Part of the trail's total, 0 to 1. */
  share: number
  stop: string
  holder: { id: string; label: string; name: string } | null
}

export interface TracePath {
  nodes: string[]
  transfers: string[]
  hops: number
  amount: string
  firstDate: string
  lastDate: string
}

export interface UnconvertedTransfer {
  id: string
  amount: string
  currency: string
  date: string
}

/**
 * A money trail. Its graph's TRANSFER relationships carry `amount`, `currency`, `date`
 * (YYYY-MM-DD), `hop`, `converted` (the amount in the trail's currency, or null without a
 * rate) and `traced` (the part attributed to the trail).
 */
export interface TraceResponse {
  from: string
  direction: TraceDirection
  /** Reporting currency; null when the trail has no transfers. */
  currency: string | null
  rule: { name: string; text: string }
  total: string | null
  endpoints: TraceEndpoint[]
  paths: TracePath[]
  graph: GraphPayload
  unconverted: UnconvertedTransfer[]
  counts: { transfers: number; nodes: number; excluded: number; internal: number; unconvertedOutside: number }
  truncated: boolean
  pathsComplete: boolean
}

export const CENTRALITY_MEASURES = [
  'degree',
  'betweenness',
  'closeness',
  'pagerank',
  'eigenvector',
] as const

export type CentralityMeasure = (typeof CENTRALITY_MEASURES)[number]

export const MEASURE_NAMES: Readonly<Record<CentralityMeasure, string>> = {
  degree: 'degree centrality',
  betweenness: 'betweenness centrality',
  closeness: 'closeness centrality',
  pagerank: 'PageRank',
  eigenvector: 'eigenvector centrality',
}

export interface CentralityResponse {
  measure: CentralityMeasure
  scores: { id: string; label: string; name: string; score: number }[]
}

export interface CommunitiesResponse {
  algorithm: string
  modularity: number
  communities: { id: string | number; size: number; members: string[] }[]
}

/**
 * A request that failed. `status` is 0 when no HTTP response arrived at all. `detail` is the
 * service's own message, or the HTTP status text when the body had none.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly detail: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface ApiClient {
  overview(limit: number): Promise<GraphResponse>
  search(text: string, type: string | null, signal: AbortSignal): Promise<SearchResult[]>
  entity(id: string): Promise<Entity>
  neighbourhood(id: string, depth: number, limit: number): Promise<GraphResponse>
  shortestPath(from: string, to: string, maxHops: number): Promise<ShortestPathResponse>
  centrality(measure: CentralityMeasure, limit: number): Promise<CentralityResponse>
  communities(seed: number): Promise<CommunitiesResponse>
  trace(query: TraceQuery): Promise<TraceResponse>
  neighbourhoodOfTypes(id: string, types: readonly string[], limit: number): Promise<GraphResponse>
  paths(query: PathQuery): Promise<ShortestPathResponse>
  disruption(request: DisruptionRequest): Promise<DisruptionResponse>
  startDisruptionJob(request: DisruptionRequest): Promise<JobView<DisruptionResponse>>
  job<Result>(id: string): Promise<JobView<Result>>
  cancelJob(id: string): Promise<void>
}

export function createApiClient(readToken: () => string | null): ApiClient {
  function request<T>(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<T> {
    return requestJson<T>(path, { query, readToken, signal })
  }

  /** Sends a POST with a JSON body, or a DELETE without one. */
  function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return requestJson<T>(path, { method, body, readToken })
  }

  return {
    overview: (limit) => request<GraphResponse>('/api/graph/overview', { limit: String(limit) }),

    search: async (text, type, signal) => {
      const query: Record<string, string> = { q: text, limit: '10' }
      if (type !== null) query.type = type
      const body = await request<{ results: SearchResult[] }>('/api/search', query, signal)
      return body.results
    },

    entity: (id) => request<Entity>(`/api/entities/${encodeURIComponent(id)}`, {}),

    neighbourhood: (id, depth, limit) =>
      request<GraphResponse>(`/api/graph/neighbourhood/${encodeURIComponent(id)}`, {
        depth: String(depth),
        limit: String(limit),
      }),

    shortestPath: (from, to, maxHops) =>
      request<ShortestPathResponse>('/api/paths/shortest', {
        from,
        to,
        maxHops: String(maxHops),
      }),

    centrality: (measure, limit) =>
      request<CentralityResponse>('/api/analytics/centrality', { measure, limit: String(limit) }),

    communities: (seed) =>
      request<CommunitiesResponse>('/api/analytics/communities', {
        algorithm: 'louvain',
        seed: String(seed),
      }),

    trace: (query) => request<TraceResponse>('/api/money/trace', traceParameters(query)),

    neighbourhoodOfTypes: (id, types, limit) =>
      request<GraphResponse>(`/api/graph/neighbourhood/${encodeURIComponent(id)}`, {
        depth: '1',
        limit: String(limit),
        types: types.join(','),
      }),

    paths: (query) => request<ShortestPathResponse>('/api/paths/shortest', pathParameters(query)),

    disruption: (body) => send<DisruptionResponse>('POST', '/api/analytics/disruption', body),

    startDisruptionJob: (body) => send<JobView<DisruptionResponse>>('POST', '/api/jobs', { kind: 'disruption', parameters: body }),

    job: <Result>(id: string) => request<JobView<Result>>(`/api/jobs/${encodeURIComponent(id)}`, {}),

    cancelJob: async (id) => {
      await send<unknown>('DELETE', `/api/jobs/${encodeURIComponent(id)}`)
    },
  }
}

function traceParameters(query: TraceQuery): Record<string, string> {
  const parameters: Record<string, string> = {
    from: query.from,
    direction: query.direction,
    maxHops: String(query.maxHops),
    holders: String(query.holders),
  }
  if (query.since !== null) parameters.since = query.since
  if (query.until !== null) parameters.until = query.until
  if (query.currency !== null) parameters.currency = query.currency
  if (query.minAmount !== null) parameters.minAmount = query.minAmount
  return parameters
}

/** Builds an `ApiError` from the service's `{statusCode, code, error, message}` body. */
async function errorFromResponse(path: string, response: Response, method = 'GET'): Promise<ApiError> {
  let code: string | null = null
  let detail = response.statusText

  try {
    const body: unknown = await response.json()
    if (typeof body === 'object' && body !== null) {
      const fields = body as Record<string, unknown>
      if (typeof fields.code === 'string') code = fields.code
      if (typeof fields.message === 'string') detail = fields.message
    }
  } catch {
    // A body that is not JSON (a proxy's HTML page, say) leaves the status text as the detail.
  }

  const message = `${method} ${path} returned ${response.status}: ${detail}`
  return new ApiError(message, response.status, code, detail)
}

/** A place of the map: a location and the entities LOCATED_IN or OPERATES_IN it. */
export interface GeoPlace {
  id: string
  name: string
  city: string | null
  country: string | null
  latitude: number | null
  longitude: number | null
  entityCount: number
  linkCount: number
  links: {
    id: string
    label: string
    name: string
    type: 'LOCATED_IN' | 'OPERATES_IN'
    since: string | null
    until: string | null
  }[]
  truncated: boolean
}

interface GeoRows<Row> {
  rows: Row[]
  truncated: boolean
}

/** `GET /api/geo`: places, and per-country facts dated by day (YYYY-MM-DD, null when undated). */
export interface GeoResponse {
  places: GeoPlace[]
  placesTruncated: boolean
  notices: GeoRows<{ country: string; date: string | null; colour: string | null; kind: string | null; count: number }>
  groups: GeoRows<{ country: string; groupId: string; name: string; since: string | null; until: string | null }>
  money: GeoRows<{ country: string; date: string | null; currency: string; transfers: number; total: string }>
  limits: { places: number; linksPerPlace: number; rows: number }
}

/** Fetches the map's data with the stored token; failures are `ApiError`s as elsewhere. */
export function fetchGeo(readToken: () => string | null, signal?: AbortSignal): Promise<GeoResponse> {
  return requestJson<GeoResponse>('/api/geo', { readToken, signal })
}

/** Visible links of one relationship type. A self-loop counts as outgoing and as incoming. */
export interface LinkCount {
  type: string
  count: number
  outgoing: number
  incoming: number
}

/** A notice or diffusion about an entity. `issuedBy` is the issuing country (ISO 3166-1 alpha-2). */
export interface NoticeSummary extends Omit<Entity, 'links' | 'notices'> {
  kind: string | null
  colour: string | null
  status: string | null
  issuedBy: string | null
  issuedAt: string | null
}

/** A shortest-path search. `types` and `excludeTypes` list relationship types, and an empty list filters nothing. */
export interface PathQuery {
  from: string
  to: string
  maxHops: number
  all: boolean
  types: readonly string[]
  excludeTypes: readonly string[]
  limit: number
}

function pathParameters(query: PathQuery): Record<string, string> {
  const parameters: Record<string, string> = {
    from: query.from,
    to: query.to,
    maxHops: String(query.maxHops),
    all: String(query.all),
    limit: String(query.limit),
  }
  if (query.types.length > 0) parameters.types = query.types.join(',')
  if (query.excludeTypes.length > 0) parameters.excludeTypes = query.excludeTypes.join(',')
  return parameters
}

/** An arrest simulation over the whole graph the caller may see: `maxSteps` steps of `blockSize` removals. */
export interface DisruptionRequest {
  measure: CentralityMeasure
  strategy: 'recompute' | 'static'
  blockSize: number
  maxSteps: number
}

export interface DisruptionStep {
  step: number
  /** Ids removed at this step, in the order they were picked. */
  removed: string[]
  scores: number[]
  /** Node count of the largest connected component after this step. */
  largestComponent: number
  /** `largestComponent` divided by the original one. */
  fraction: number
}

export interface DisruptionResponse {
  measure: CentralityMeasure
  strategy: 'recompute' | 'static'
  blockSize: number
  originalLargestComponent: number
  steps: DisruptionStep[]
  projection: { nodeCount: number; relationshipCount: number }
}

/** A background analytics job. `result` is set once it succeeded. */
export interface JobView<Result> {
  id: string
  kind: string
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'
  /** Work done and total, in the algorithm's own steps (removals for a disruption). */
  progress: { done: number; total: number; fraction: number } | null
  result: Result | null
  error: { code: string; message: string } | null
}

/** Notices and diffusions of one colour, kind, status and issuing country, as GET /api/stats counts them. */
export interface NoticeCount {
  colour: string | null
  kind: string | null
  status: string | null
  issuedBy: string | null
  count: number
}

export interface StatsResponse {
  nodes: Record<string, number>
  relationships: Record<string, number>
  notices: NoticeCount[]
  transfers: { currency: string | null; count: number; total: string | null }[]
}

export type SeriesInterval = 'month' | 'year'

export interface TransferSeriesResponse {
  interval: SeriesInterval
  currency: string | null
  since: string | null
  until: string | null
  series: {
    currency: string | null
    /** Transfers without a date, in no period. */
    undated: number
    /** Periods with transfers only, in order; `total` is an exact decimal string. */
    periods: { period: string; count: number; total: string | null }[]
  }[]
}

export interface SignInMethods {
  token: true
  password: boolean
}

export interface PasswordSignIn {
  token: string
  expiresAt: string
  role: string
  ncb: string | null
}

/**
 * Sends one request to the API and returns the JSON body, or throws an `ApiError`. Without a
 * `method`, a request with a `body` is a POST of that value as JSON and one without is a GET.
 * `readToken` is omitted for the routes that need no token.
 */
export async function requestJson<T>(
  path: string,
  options: {
    method?: 'GET' | 'POST' | 'DELETE'
    query?: Record<string, string>
    body?: unknown
    readToken?: () => string | null
    signal?: AbortSignal
  } = {},
): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  const search = new URLSearchParams(options.query ?? {}).toString()
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = options.readToken?.() ?? null
  // A request for a signed-in user is not sent once the user has signed out.
  if (options.readToken !== undefined && token === null) return abandoned<T>()
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const sessionChanged = () => options.readToken !== undefined && options.readToken() !== token

  let response: Response
  try {
    response = await fetch(search === '' ? path : `${path}?${search}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (sessionChanged()) return abandoned<T>()
    if (options.signal?.aborted) throw error
    const detail = String(error)
    throw new ApiError(`${method} ${path} could not reach the server (${detail})`, 0, null, detail)
  }

  const result = response.ok ? ((await response.json()) as T) : await errorFromResponse(path, response, method)
  // What a previous session requested never reaches the next one, neither data nor errors.
  if (sessionChanged()) return abandoned<T>()
  if (result instanceof ApiError) throw result
  return result
}

/**
 * Returns a promise that never settles, for a response that arrived after its user signed
 * out: its data must not reach the next user's screen, and no caller should report it.
 */
function abandoned<T>(): Promise<T> {
  return new Promise<T>(() => undefined)
}
