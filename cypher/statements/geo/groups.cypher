// Visible groups operating in each country: one row per distinct OPERATES_IN period (open
// ends are null), keeping only periods that overlap the window from $since to $until.
MATCH (g:Group)-[o:OPERATES_IN]->(p:Location)
WHERE {{visible g}} AND {{visible o}} AND {{visible p}}
  AND ($source IS NULL OR o.source = $source) AND p.country =~ '[A-Z]{2}'
WITH g, p.country AS country, left(toString(o.since), 10) AS since, left(toString(o.until), 10) AS until
WHERE ($until IS NULL OR since IS NULL OR since <= $until)
  AND ($since IS NULL OR until IS NULL OR until >= $since)
RETURN DISTINCT country, g.id AS groupId, g.name AS name, since, until
ORDER BY country, name, groupId, since
LIMIT $limit
