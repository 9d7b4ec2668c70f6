// The node property `community` of every node of the in-memory graph $graphName.
CALL gds.graph.nodeProperty.stream($graphName, 'community') YIELD nodeId, propertyValue
RETURN nodeId AS key, propertyValue AS community
