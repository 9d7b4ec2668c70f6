// Every shortest path, under the same rules as paths/shortest, at most $limit of them.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE {{visible a}} AND {{visible b}}
MATCH path = ALL SHORTEST (a) (()-[r WHERE {{visible r}}
    AND (size($types) = 0 OR type(r) IN $types)
    AND NOT type(r) IN $excludeTypes]-(x:Entity WHERE {{visible x}})){1,{{hops}}} (b)
RETURN nodes(path) AS nodes, relationships(path) AS relationships
LIMIT $limit
