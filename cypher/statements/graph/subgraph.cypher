// The visible nodes with the given ids and the visible relationships among them.
MATCH (n:Entity)
WHERE n.id IN $ids AND {{visible n}}
WITH collect(n) AS members
UNWIND members AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE b IN members AND {{visible r}} AND (size($types) = 0 OR type(r) IN $types)
RETURN members, collect(DISTINCT r) AS relationships
