// Takes the write locks of the records $ids (sorted, so two merges lock in one order) before
// the merge reads them. A merge that shares a record with a running one waits here until the
// other commits, then reads what it left. Setting and removing a property locks the node
// until the transaction ends and changes nothing.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.mergeLock = true
REMOVE n.mergeLock
RETURN count(n) AS locked
