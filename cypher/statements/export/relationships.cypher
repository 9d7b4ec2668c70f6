// Visible relationships among the nodes to export, $ids, which the caller can all see.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND {{visible r}}
RETURN a.id AS source, b.id AS target, type(r) AS type, r
ORDER BY r.id
