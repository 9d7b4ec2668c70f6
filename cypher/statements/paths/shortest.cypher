// One shortest path, ignoring direction, through visible nodes and relationships of the
// allowed types only. SHORTEST checks the predicates while it searches, so a pair with no
// path costs one breadth-first search instead of an enumeration of every walk.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE {{visible a}} AND {{visible b}}
MATCH path = SHORTEST 1 (a) (()-[r WHERE {{visible r}}
    AND (size($types) = 0 OR type(r) IN $types)
    AND NOT type(r) IN $excludeTypes]-(x:Entity WHERE {{visible x}})){1,{{hops}}} (b)
RETURN nodes(path) AS nodes, relationships(path) AS relationships
