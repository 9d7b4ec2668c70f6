// Degree of every node of the in-memory graph $graphName. $config sets `orientation`
// (NATURAL counts outgoing, REVERSE incoming, UNDIRECTED both) and, when weighted,
// `relationshipWeightProperty`, which sums the weights in place of counting.
CALL gds.degree.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
