// Closeness of every node of the in-memory graph $graphName over incoming distances:
// (r - 1) / D, where r counts the nodes that reach it (itself included) and D sums their
// distances; `useWassermanFaust` in $config multiplies by (r - 1) / (n - 1). Unweighted.
CALL gds.closeness.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
