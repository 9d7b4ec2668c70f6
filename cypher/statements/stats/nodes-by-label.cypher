// Visible nodes by label; with $source, the nodes of that dataset and the ends of its
// relationships, as analytics projections select them.
MATCH (n:Entity)
WHERE {{visible n}}
  AND ($source IS NULL OR n.source = $source OR EXISTS {
    MATCH (n)-[r]-(:Entity) WHERE r.source = $source AND {{visible r}}
  })
UNWIND [label IN labels(n) WHERE label <> 'Entity'] AS label
RETURN label, count(*) AS count
ORDER BY label
