// @name top-scored
// @description Nodes ranked by a centrality stored with POST /api/analytics/write-back, with when and with which parameters it was computed.
// @param measure enum degree|betweenness|closeness|harmonic|pagerank|eigenvector|kcore -- the measure that was written back
// @param label enum any|Person|Group|Company|Fund|Account|Asset|Notice|Location = any -- only nodes of this label
// @param limit integer 1..1000 = 50 -- rows to return
MATCH (n:Entity)
WHERE {{visible n}} AND n['score_' + $measure] IS NOT NULL
  AND ($label = 'any' OR $label IN labels(n))
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
  n['score_' + $measure] AS score,
  n['score_' + $measure + '_computedAt'] AS computedAt,
  n['score_' + $measure + '_parameters'] AS parameters
ORDER BY score DESC, id
LIMIT $limit
