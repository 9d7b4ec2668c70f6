// The trail's nodes for its graph payload, with each account's holder, and the nodes that
// send any visible transfer at all. When an account has several visible holders, the one
// with the lowest id is returned.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible n}}
OPTIONAL MATCH (holder:Entity)-[h:HOLDS]->(n)
WHERE {{visible h}} AND {{visible holder}}
WITH n, holder ORDER BY holder.id
WITH n, collect(holder)[0] AS holder
WITH n, holder, EXISTS { MATCH (n)-[s:TRANSFER]->(m:Entity) WHERE {{visible s}} AND {{visible m}} } AS sends
RETURN collect(n) AS nodes, collect(holder) AS holders,
  collect(CASE WHEN holder IS NULL THEN null ELSE [n.id, holder.id] END) AS pairs,
  collect(CASE WHEN sends THEN n.id ELSE null END) AS senders
