// The bridges of the undirected in-memory graph $graphName: the relationships whose removal
// splits their connected component, each as the internal ids of its two ends.
CALL gds.bridges.stream($graphName, {}) YIELD from, to
RETURN from, to
