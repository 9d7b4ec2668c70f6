// Visible locations, each with the entities LOCATED_IN or OPERATES_IN it. With $source, the
// locations of that dataset and those its links reach, and only that dataset's links.
// Returns at most $placeLimit places and $linkLimit links per place.
MATCH (p:Location)
WHERE {{visible p}}
  AND ($source IS NULL OR p.source = $source OR EXISTS {
    MATCH (:Entity)-[l:LOCATED_IN|OPERATES_IN]->(p) WHERE l.source = $source AND {{visible l}}
  })
WITH p
ORDER BY p.country, coalesce(p.city, p.name), p.id
LIMIT $placeLimit
CALL (p) {
  MATCH (e:Entity)-[l:LOCATED_IN|OPERATES_IN]->(p)
  WHERE {{visible e}} AND {{visible l}} AND ($source IS NULL OR l.source = $source)
  WITH e, l
  ORDER BY e.name, e.id, type(l), l.id
  RETURN count(DISTINCT e) AS entityCount, count(l) AS linkCount, collect({
    id: e.id,
    label: [label IN labels(e) WHERE label <> 'Entity'][0],
    name: e.name,
    type: type(l),
    since: left(toString(l.since), 10),
    until: left(toString(l.until), 10)
  })[..$linkLimit] AS links
}
RETURN p.id AS id, p.name AS name, p.city AS city, p.country AS country,
  toFloatOrNull(p.latitude) AS latitude, toFloatOrNull(p.longitude) AS longitude,
  entityCount, linkCount, links
