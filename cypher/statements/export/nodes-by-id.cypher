// The visible nodes among $ids.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible n}}
RETURN n
ORDER BY n.id
