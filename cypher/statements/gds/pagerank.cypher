// PageRank of every node of the in-memory graph $graphName. $config sets the damping
// factor, iterations, tolerance, `scaler`, `sourceNodes` (personalised PageRank, internal
// ids) and, when weighted, `relationshipWeightProperty`, read as a strength.
CALL gds.pageRank.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
