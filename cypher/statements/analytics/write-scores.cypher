// Stores written-back scores: each row is {id, properties} with the score, when it was
// computed, with which parameters and on which network. $viewer is the open network, so
// only open nodes that have not expired get them, and of those only the ones the writer may
// change: without an owner, of the writer's country, or any for an admin.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE {{visible n}} AND ($admin OR n.ownerNcb IS NULL OR n.ownerNcb = $ncb)
SET n += row.properties
RETURN count(n) AS written
