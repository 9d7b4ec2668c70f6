// Nodes within $depth hops of the start (at most $limit, nearest first), and every
// visible relationship among them. Variable-length bounds cannot be parameters, so the
// walk is capped at 4 hops here and $depth filters below that.
MATCH (start:Entity {id: $id})
WHERE {{visible start}}
OPTIONAL MATCH path = (start)-[*1..4]-(other:Entity)
WHERE length(path) <= $depth
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}} AND (size($types) = 0 OR type(r) IN $types))
WITH start, other, min(length(path)) AS distance
ORDER BY distance, other.id
WITH start, collect(other)[0..$limit] AS others, count(other) AS reachable
WITH [start] + others AS members, reachable
UNWIND members AS a
OPTIONAL MATCH (a)-[r]->(b)
WHERE b IN members AND {{visible r}} AND (size($types) = 0 OR type(r) IN $types)
RETURN members, collect(DISTINCT r) AS relationships, reachable
