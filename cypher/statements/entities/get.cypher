MATCH (n:Entity {id: $id})
WHERE {{visible n}}
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE {{visible r}} AND {{visible other}}
WITH n, type(r) AS type, count(r) AS links
RETURN n, collect(CASE WHEN type IS NULL THEN null ELSE {type: type, count: links} END) AS links
