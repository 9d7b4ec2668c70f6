// Core number of every node of the undirected in-memory graph $graphName.
CALL gds.kcore.stream($graphName, $config) YIELD nodeId, coreValue
RETURN nodeId AS key, coreValue AS score
