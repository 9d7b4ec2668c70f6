// The most connected visible nodes and the visible relationships among them. With $source,
// nodes and relationships are chosen as analytics projections choose them.
MATCH (n:Entity)
WHERE {{visible n}}
  AND ($source IS NULL OR n.source = $source OR EXISTS {
    MATCH (n)-[r]-(:Entity) WHERE r.source = $source AND {{visible r}}
  })
// Only visible links count towards the degree, so the order reveals nothing hidden.
WITH n, COUNT { MATCH (n)-[d]-(m:Entity) WHERE {{visible d}} AND {{visible m}} } AS degree
ORDER BY degree DESC, n.id
LIMIT $limit
WITH collect(n) AS members
UNWIND members AS a
OPTIONAL MATCH (a)-[r]->(b)
WHERE b IN members AND {{visible r}} AND ($source IS NULL OR r.source = $source)
RETURN members, collect(DISTINCT r) AS relationships
