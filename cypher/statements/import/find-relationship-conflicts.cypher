// Rows of one relationship type whose endpoints are missing, or whose id is already used
// by a relationship between other nodes.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.source})
OPTIONAL MATCH (b:Entity {id: row.target})
OPTIONAL MATCH (x)-[existing:$($type) {id: row.id}]->(y)
WITH row, a, b, x, y, existing
WHERE a IS NULL OR b IS NULL OR (existing IS NOT NULL AND (x.id <> row.source OR y.id <> row.target))
RETURN row.id AS id,
  a IS NULL AS sourceMissing,
  b IS NULL AS targetMissing,
  CASE WHEN existing IS NULL THEN null ELSE [x.id, y.id] END AS existingEndpoints
