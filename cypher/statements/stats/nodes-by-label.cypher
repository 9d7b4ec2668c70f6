MATCH (n:Entity)
WHERE {{visible n}} AND ($source IS NULL OR n.source = $source)
UNWIND [label IN labels(n) WHERE label <> 'Entity'] AS label
RETURN label, count(*) AS count
ORDER BY label
