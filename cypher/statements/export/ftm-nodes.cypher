// Visible nodes to export: those whose ids $ids lists, or every visible node when $ids is
// null; with $source, only the nodes of that dataset.
MATCH (n:Entity)
WHERE {{visible n}}
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($source IS NULL OR n.source = $source)
RETURN n
ORDER BY n.id
