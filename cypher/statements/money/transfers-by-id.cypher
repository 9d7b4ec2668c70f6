// Transfers by id, each with its two ends.
UNWIND $ids AS id
MATCH (a:Entity)-[t:TRANSFER {id: id}]->(b:Entity)
WHERE {{visible a}} AND {{visible t}} AND {{visible b}}
RETURN t AS transfer
