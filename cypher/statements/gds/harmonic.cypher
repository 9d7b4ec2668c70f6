// Harmonic centrality of every node of the in-memory graph $graphName over incoming
// distances: the sum of 1 / d over the other nodes, divided by n - 1. Unweighted.
CALL gds.closeness.harmonic.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
