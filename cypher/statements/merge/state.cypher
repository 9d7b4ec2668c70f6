// The record $id with every relationship it has, for the fingerprint that tells whether the
// record changed since a merge.
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-()
WITH n, collect(DISTINCT r) AS relationships
RETURN labels(n) AS labels, properties(n) AS properties,
  [r IN relationships | {type: type(r), start: startNode(r).id, end: endNode(r).id, properties: properties(r)}] AS relationships
