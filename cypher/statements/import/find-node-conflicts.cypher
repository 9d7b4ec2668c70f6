// Rows whose id already belongs to a node of another label.
UNWIND $rows AS row
MATCH (existing:Entity {id: row.id})
WHERE NOT row.label IN labels(existing)
RETURN row.id AS id, [label IN labels(existing) WHERE label <> 'Entity'][0] AS existingLabel
