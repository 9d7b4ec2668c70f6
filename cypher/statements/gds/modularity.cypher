// Newman's modularity of the partition in the node property `community` of the undirected
// in-memory graph $graphName: the sum of the modularity of each community. $config sets
// `communityProperty` and, when weighted, `relationshipWeightProperty`.
CALL gds.modularity.stream($graphName, $config) YIELD modularity
RETURN sum(modularity) AS modularity
