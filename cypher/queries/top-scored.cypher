// @name top-scored
// @description Open nodes ranked by a centrality stored with POST /api/analytics/write-back on the open network, with when and with which parameters it was computed.
// @param measure enum degree|betweenness|closeness|harmonic|pagerank|eigenvector|kcore -- the measure that was written back
// @param label enum any|Person|Group|Company|Fund|Account|Asset|Notice|Location = any -- only nodes of this label
// @param limit integer 1..1000 = 50 -- rows to return
MATCH (n:Entity)
// Only values written back on the open network, on open nodes: those derive from records
// every caller sees. Values from older write-backs, or on restricted nodes, are left out.
WHERE {{visible n}} AND n['score_' + $measure] IS NOT NULL
  AND n['score_' + $measure + '_network'] = 'open' AND size(coalesce(n.restrictedTo, [])) = 0
  AND ($label = 'any' OR $label IN labels(n))
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
  n['score_' + $measure] AS score,
  n['score_' + $measure + '_computedAt'] AS computedAt,
  n['score_' + $measure + '_parameters'] AS parameters
ORDER BY score DESC, id
LIMIT $limit
