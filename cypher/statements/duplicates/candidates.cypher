// Visible entities of one label with the visible entities they link to (places and notices
// left out, because sharing a city or a notice says little about being the same record).
// $label comes from the route's allow-list; $source (null for all) keeps one dataset;
// $maxEntities bounds the scan.
MATCH (n:Entity)
WHERE $label IN labels(n) AND ($source IS NULL OR n.source = $source) AND {{visible n}}
WITH n
ORDER BY n.id
LIMIT $maxEntities
OPTIONAL MATCH (n)-[r]-(m:Entity)
WHERE NOT m:Location AND NOT m:Notice AND {{visible r}} AND {{visible m}}
WITH n, collect(DISTINCT m.id) AS linked
RETURN n, linked[..$maxLinks] AS linked
