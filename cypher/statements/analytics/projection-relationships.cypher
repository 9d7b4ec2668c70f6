// The relationships leaving each node of a projection ($keys: the nodes' internal ids):
// visible, to a visible node, of the given types, of the dataset $source when it is set, and
// inside the window [$since, $until] when one is set. A relationship is dated by `date`, or
// lasts from `since` to `until` (open at either end); with a window set, undated ones are
// left out. Dates compare as their first ten characters, YYYY-MM-DD, whether they are
// stored as dates, date-times or text. The caller drops those whose target lies outside the
// projection. Rows are grouped by source node, which keeps a million relationships to one
// row per node. Ids go out as floats (exact below 2^53), which the driver reads as plain
// numbers rather than integer objects. A missing weight is collected as '' so that weights
// and targets stay aligned.
UNWIND $keys AS key
MATCH (a:Entity)-[r]->(b:Entity)
WHERE id(a) = toInteger(key) AND {{visible r}} AND {{visible b}}
  AND (size($types) = 0 OR type(r) IN $types)
  AND ($source IS NULL OR r.source = $source)
  AND (($since IS NULL AND $until IS NULL) OR coalesce(r.date, r.until, r.since) IS NOT NULL)
  AND ($since IS NULL OR coalesce(r.date, r.until) IS NULL OR left(toStringOrNull(coalesce(r.date, r.until)), 10) >= $since)
  AND ($until IS NULL OR coalesce(r.date, r.since) IS NULL OR left(toStringOrNull(coalesce(r.date, r.since)), 10) <= $until)
RETURN key, collect(toFloat(id(b))) AS targets,
  CASE WHEN $weightProperty IS NULL THEN null ELSE collect(coalesce(r[$weightProperty], '')) END AS weights
