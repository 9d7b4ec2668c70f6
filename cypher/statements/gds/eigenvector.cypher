// Eigenvector centrality of every node of the in-memory graph $graphName: a node collects
// the scores of its in-neighbours; the scores have unit Euclidean norm. $config sets the
// iterations and the tolerance.
CALL gds.eigenvector.stream($graphName, $config) YIELD nodeId, score
RETURN nodeId AS key, score
