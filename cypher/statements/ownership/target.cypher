// The entity whose owners are sought, when it exists and the caller may see it.
MATCH (n:Entity {id: $id})
WHERE {{visible n}}
RETURN n
