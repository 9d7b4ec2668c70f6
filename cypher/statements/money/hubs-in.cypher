// The nodes with more than $most visible transfers entering them. Neo4j's degree store counts
// all of a node's transfers without reading them, so only a node with more than $most in all
// has its visible ones counted, and the count stops at $most + 1.
UNWIND $nodes AS id
MATCH (a:Entity {id: id})
WHERE COUNT { (a)<-[:TRANSFER]-() } > $most
CALL (a) {
  MATCH (a)<-[t:TRANSFER]-(m:Entity)
  WHERE {{visible t}} AND {{visible m}}
  WITH t LIMIT $take
  RETURN count(t) AS visible
}
WITH id, visible
WHERE visible > $most
RETURN id
