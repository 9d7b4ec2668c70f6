// Every shortest path, under the same rules as paths/shortest, at most $limit of them.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE {{visible a}} AND {{visible b}}
MATCH path = allShortestPaths((a)-[*..10]-(b))
WHERE length(path) <= $maxHops
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}}
    AND (size($types) = 0 OR type(r) IN $types)
    AND NOT type(r) IN $excludeTypes)
RETURN nodes(path) AS nodes, relationships(path) AS relationships
LIMIT $limit
