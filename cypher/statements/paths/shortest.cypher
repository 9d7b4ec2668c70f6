// One shortest path, undirected, through visible nodes and relationships of the allowed
// types only. The pattern is capped at 10 hops; $maxHops (1 to 10) filters below that.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE {{visible a}} AND {{visible b}}
MATCH path = shortestPath((a)-[*..10]-(b))
WHERE length(path) <= $maxHops
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}}
    AND (size($types) = 0 OR type(r) IN $types)
    AND NOT type(r) IN $excludeTypes)
RETURN nodes(path) AS nodes, relationships(path) AS relationships
