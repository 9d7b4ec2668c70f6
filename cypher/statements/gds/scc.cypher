// Strongly connected components of the in-memory graph $graphName, stored in the graph as
// the node property `community`.
CALL gds.scc.mutate($graphName, $config) YIELD componentCount
RETURN componentCount AS communityCount
