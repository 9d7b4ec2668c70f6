// The most connected visible nodes (of one source when $source is set) and the visible
// relationships among them.
MATCH (n:Entity)
WHERE {{visible n}} AND ($source IS NULL OR n.source = $source)
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
WITH collect(n) AS members
UNWIND members AS a
OPTIONAL MATCH (a)-[r]->(b)
WHERE b IN members AND {{visible r}}
RETURN members, collect(DISTINCT r) AS relationships
