// The nodes of an analytics projection: visible and of the given labels (an empty list
// means any). With $source, the nodes of that dataset and the ends of its relationships.
MATCH (n:Entity)
WHERE {{visible n}}
  AND (size($labels) = 0 OR any(label IN labels(n) WHERE label IN $labels))
  AND ($source IS NULL OR n.source = $source OR EXISTS {
    MATCH (n)-[r]-(:Entity) WHERE r.source = $source AND {{visible r}}
  })
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n.name AS name
