// The relationships of a projection: visible, of the given types, of the dataset $source
// when it is set, and with both ends visible and of the given labels. $weightProperty names
// the property read as the weight.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}}
  AND (size($types) = 0 OR type(r) IN $types)
  AND (size($labels) = 0 OR (any(label IN labels(a) WHERE label IN $labels) AND any(label IN labels(b) WHERE label IN $labels)))
  AND ($source IS NULL OR r.source = $source)
RETURN a.id AS source, b.id AS target, r.id AS id, type(r) AS type,
  CASE WHEN $weightProperty IS NULL THEN null ELSE r[$weightProperty] END AS weight
