// Visible nodes to export: those whose ids $ids lists, or every visible node when $ids is
// null; with $source, only the nodes of that dataset, and those that took in a record of it by
// a merge: their valueSources contain $sourceMarker, the JSON text '"source":"<source>","ownerNcb"'.
MATCH (n:Entity)
WHERE {{visible n}}
  AND ($ids IS NULL OR n.id IN $ids)
  AND ($source IS NULL OR n.source = $source OR n.valueSources CONTAINS $sourceMarker)
RETURN n
ORDER BY n.id
