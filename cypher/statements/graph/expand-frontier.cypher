// One breadth-first step: the visible nodes linked to the frontier by visible relationships
// of the allowed types, excluding those already reached, at most $limit of them.
MATCH (n:Entity)-[r]-(m:Entity)
WHERE n.id IN $frontier AND NOT m.id IN $reached
  AND {{visible r}} AND {{visible m}}
  AND (size($types) = 0 OR type(r) IN $types)
WITH DISTINCT m
ORDER BY m.id
LIMIT $limit
RETURN m.id AS id
