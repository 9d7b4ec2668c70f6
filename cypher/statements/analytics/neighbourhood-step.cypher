// One breadth-first step of a neighbourhood scope: the visible nodes one visible
// relationship of $types (any when empty) away from the nodes $ids, in either direction,
// at most $limit of them.
MATCH (a:Entity)-[r]-(b:Entity)
WHERE a.id IN $ids AND {{visible r}} AND {{visible b}}
  AND (size($types) = 0 OR type(r) IN $types)
RETURN DISTINCT b.id AS id
LIMIT toInteger($limit)
