/**
 * In-process graph analytics over graphology graphs: centrality measures,
 * community detection, shortest paths and graph orientation. Pure functions
 * with no I/O. The two dispatchers, `computeCentrality` and
 * `detectCommunities`, check their options and reject a setting that does
 * not apply to the chosen algorithm, except a seed, which wcc and scc accept
 * and ignore because they involve no randomness.
 *
 * Edge weights are named for what they mean: PageRank, eigenvector, weighted
 * degree, Louvain, label propagation and modularity read a strength
 * (`strengthAttribute`), betweenness, closeness and paths read a distance
 * (`distanceAttribute`). Nothing is weighted unless an attribute is named.
 *
 * NOTE: graphology 0.26 itself mishandles a node key that is an
 * Object.prototype property name such as "constructor" (addEdge rejects it as
 * an edge target), so keys of that kind are not supported here either.
 */
export { AnalyticsError, type AnalyticsErrorCode } from './errors.js'
export {
  CENTRALITY_MEASURES,
  computeCentrality,
  type CentralityMeasure,
  type CentralityOptions,
} from './centrality/index.js'
export {
  COMMUNITY_ALGORITHMS,
  detectCommunities,
  type CommunityAlgorithm,
  type CommunityOptions,
  type CommunityResult,
} from './communities/index.js'
export { betweennessCentrality, type BetweennessOptions } from './centrality/betweenness.js'
export { closenessCentrality, type ClosenessOptions } from './centrality/closeness.js'
export { degreeCentrality, type DegreeOptions } from './centrality/degree.js'
export { eigenvectorCentrality, type EigenvectorOptions } from './centrality/eigenvector.js'
export { pagerank, type PageRankOptions } from './centrality/pagerank.js'
export { centralityOf, type CompactCentralityOptions } from './centrality/index.js'
export { betweennessOf, sampleSources, type BetweennessSample } from './centrality/betweenness.js'
export { closenessOf } from './centrality/closeness.js'
export { degreeOf } from './centrality/degree.js'
export { eigenvectorOf } from './centrality/eigenvector.js'
export { pagerankOf } from './centrality/pagerank.js'
export { coreNumber, coreNumbersOf } from './centrality/kcore.js'
export { disrupt, removeNodes, type DisruptionOptions, type DisruptionResult, type RemovalResult } from './disruption.js'
export { stronglyConnectedComponents, weaklyConnectedComponents } from './communities/components.js'
export { strongComponents, weakComponents, type Components } from './communities/components.js'
export { communitiesOf, type CommunityControls, type EdgeListCommunityResult } from './communities/index.js'
export { labelPropagationCommunities, type LabelPropagationSettings } from './communities/label-propagation.js'
export { louvainCommunities, type LouvainResult, type LouvainSettings } from './communities/louvain.js'
export { modularityOf } from './communities/modularity.js'
export { numberPartition, type NumberedPartition } from './communities/partition.js'
export { articulationPoints, bridges, findCutStructure, type CutStructure } from './brokers/cut-points.js'
export {
  BROKERAGE_ROLES,
  brokerage,
  brokerageCounts,
  brokerageRoles,
  numberGroups,
  type BrokerageControls,
  type BrokerageCounts,
  type BrokerageOptions,
  type BrokerageRole,
  type BrokerageScores,
} from './brokers/brokerage.js'
export { labelPropagation, type LabelPropagationOptions } from './communities/label-propagation.js'
export { louvain, type LouvainOptions } from './communities/louvain.js'
export { modularity, type ModularityOptions } from './communities/modularity.js'
export type { Community, Partition } from './communities/partition.js'
export {
  AGGREGATIONS,
  ORIENTATIONS,
  ORIENTED_COUNT,
  ORIENTED_WEIGHT,
  orientGraph,
  type Aggregation,
  type Orientation,
  type OrientationOptions,
} from './orientation.js'
export { allShortestPaths, shortestPathLength, shortestPathLengths, type PathOptions } from './paths.js'
