// The articulation points of the undirected in-memory graph $graphName: the nodes whose
// removal splits their connected component.
CALL gds.articulationPoints.stream($graphName, {}) YIELD nodeId
RETURN nodeId AS key
