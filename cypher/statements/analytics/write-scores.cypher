// Stores written-back scores: each row is {id, properties} with the score, when it was
// computed and with which parameters. Only visible nodes that the writer may change get
// them: open records, records of the writer's country, or any record for an admin.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE {{visible n}} AND ($admin OR n.ownerNcb IS NULL OR n.ownerNcb = $ncb)
SET n += row.properties
RETURN count(n) AS written
