// The trail's nodes for its graph payload, with each account's holder. When an account has
// several visible holders, the one with the lowest id is returned.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible n}}
OPTIONAL MATCH (holder:Entity)-[h:HOLDS]->(n)
WHERE {{visible h}} AND {{visible holder}}
WITH n, holder ORDER BY holder.id
WITH n, collect(holder)[0] AS holder
RETURN collect(n) AS nodes, collect(holder) AS holders, collect(CASE WHEN holder IS NULL THEN null ELSE [n.id, holder.id] END) AS pairs
