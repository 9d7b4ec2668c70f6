// The records of a merge, $ids = [keep, merged], whether or not the caller can see them, so
// the service can answer a hidden record exactly as a missing one.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n, {{visible n}} AS visible
