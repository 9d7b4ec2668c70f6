// Drops the in-memory graph $graphName from the GDS catalog; a missing graph is no error.
CALL gds.graph.drop($graphName, false) YIELD graphName
RETURN graphName
