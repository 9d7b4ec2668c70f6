// The nodes of an analytics projection: visible, of the given labels and source (empty
// list or null means any).
MATCH (n:Entity)
WHERE {{visible n}}
  AND (size($labels) = 0 OR any(label IN labels(n) WHERE label IN $labels))
  AND ($source IS NULL OR n.source = $source)
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n.name AS name
