// Weakly connected components of the in-memory graph $graphName, stored in the graph as the
// node property `community`.
CALL gds.wcc.mutate($graphName, $config) YIELD componentCount
RETURN componentCount AS communityCount
