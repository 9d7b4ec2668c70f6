// Betweenness of every node of the in-memory graph $graphName, exact or, with
// `samplingSize` and `samplingSeed` in $config, summed over that many sampled sources
// without rescaling. `relationshipWeightProperty` reads the weight as a distance.
CALL gds.betweenness.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
