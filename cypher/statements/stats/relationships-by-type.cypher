MATCH (a:Entity)-[r]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}} AND ($source IS NULL OR r.source = $source)
RETURN type(r) AS type, count(*) AS count
ORDER BY type
