// The visible relationships among the nodes $ids, of $types (any when empty) and of
// $source when given, limited to the ids $relationshipIds when given.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $ids AND {{visible r}}
  AND (size($types) = 0 OR type(r) IN $types)
  AND ($source IS NULL OR r.source = $source)
  AND ($relationshipIds IS NULL OR r.id IN $relationshipIds)
RETURN a.id AS source, b.id AS target, r
ORDER BY r.id
LIMIT $limit
