// Label propagation communities of the undirected in-memory graph $graphName, stored in the
// graph as the node property `community`. $config sets `concurrency`, `maxIterations` and,
// when weighted, `relationshipWeightProperty`, read as a strength.
CALL gds.labelPropagation.mutate($graphName, $config) YIELD communityCount
RETURN communityCount
