// Stores name keys where they differ from the stored ones. Each row is {id, keys}.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.nameKeys IS NULL OR n.nameKeys <> row.keys
SET n.nameKeys = row.keys
RETURN count(n) AS updated
