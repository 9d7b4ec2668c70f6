// Whether any record, visible or not, has the id $id.
OPTIONAL MATCH (n:Entity {id: $id})
RETURN n IS NOT NULL AS exists
