// Louvain communities of the undirected in-memory graph $graphName, stored in the graph
// as the node property `community`. $config sets `concurrency` and, when weighted,
// `relationshipWeightProperty`, read as a strength.
CALL gds.louvain.mutate($graphName, $config) YIELD communityCount
RETURN communityCount
