// Moves relationships of one type ({{type}}, from the allow-list) from the record $fromId to
// the record $toId, with all their properties. $rows are {id, startMerged, endMerged}: which
// ends were $fromId. The old relationship goes first, because its id is unique per type.
UNWIND $rows AS row
MATCH (from:Entity {id: $fromId})-[r:{{type}} {id: row.id}]-()
WITH DISTINCT row, r, from
MATCH (to:Entity {id: $toId})
WITH r, properties(r) AS props,
  CASE WHEN row.startMerged THEN to ELSE startNode(r) END AS start,
  CASE WHEN row.endMerged THEN to ELSE endNode(r) END AS end
DELETE r
CREATE (start)-[moved:{{type}}]->(end)
SET moved = props
RETURN count(moved) AS moved
