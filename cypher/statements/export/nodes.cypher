// The visible nodes of an export's scope, most connected first, at most $limit of them.
// With $source, nodes are chosen as the overview chooses them; $labels narrows to labels.
MATCH (n:Entity)
WHERE {{visible n}}
  AND (size($labels) = 0 OR any(label IN labels(n) WHERE label IN $labels))
  AND ($source IS NULL OR n.source = $source OR EXISTS {
    MATCH (n)-[r]-(:Entity) WHERE r.source = $source AND {{visible r}}
  })
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
RETURN n
