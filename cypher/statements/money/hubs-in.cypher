// The nodes with more than $most transfers entering them, counted from Neo4j's degree store
// without reading the transfers. NOTE: the count includes transfers the caller cannot see, so
// whether a node counts as a hub may depend on them; the response never gives the count.
UNWIND $nodes AS id
MATCH (a:Entity {id: id})
WITH id, COUNT { (a)<-[:TRANSFER]-() } AS transfers
WHERE transfers > $most
RETURN id
