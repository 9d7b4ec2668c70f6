// Visible relationships among the nodes to export: the same selection as export/ftm-nodes, by
// $ids when given, else every visible node (of $source, when given).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}}
  AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  AND ($source IS NULL OR (
    (a.source = $source OR a.valueSources CONTAINS $sourceMarker) AND (b.source = $source OR b.valueSources CONTAINS $sourceMarker)))
RETURN a.id AS source, b.id AS target, type(r) AS type, r
ORDER BY r.id
