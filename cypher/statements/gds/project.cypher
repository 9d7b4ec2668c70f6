// Projects the nodes $keys (internal ids from analytics/projection-nodes) and the visible
// relationships between them into the GDS catalog as $graphName, with the scope filters of
// analytics/projection-relationships: types, dataset $source and the window [$since, $until].
// Every node in $keys is projected, the isolated ones too.
//
// The property `weight` of a relationship is its $weightProperty read as a number, 0 when
// missing or not numeric, or 1 when $weightProperty is null. $orientation is 'natural',
// 'reverse' or 'undirected'. With $merge = 'none' every relationship is kept, so parallel
// ones add up as strengths do. With $merge = 'min' the parallel ones are merged into one of
// the smallest weight, as distances are merged; an undirected projection then also merges
// a->b with b->a. With $communities set (a map from a key, as a string, to a community
// number), each node gets that number as the property `community`.
UNWIND $keys AS key
MATCH (a:Entity)
WHERE id(a) = key AND {{visible a}}
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE id(b) IN $keys AND {{visible r}} AND {{visible b}}
  AND (size($types) = 0 OR type(r) IN $types)
  AND ($source IS NULL OR r.source = $source)
  AND (($since IS NULL AND $until IS NULL) OR coalesce(r.date, r.until, r.since) IS NOT NULL)
  AND ($since IS NULL OR coalesce(r.date, r.until) IS NULL OR coalesce(r.date, r.until) >= date($since))
  AND ($until IS NULL OR coalesce(r.date, r.since) IS NULL OR coalesce(r.date, r.since) <= date($until))
WITH a, b,
  CASE WHEN $weightProperty IS NULL THEN 1.0 ELSE coalesce(toFloatOrNull(r[$weightProperty]), 0.0) END AS weight,
  b IS NOT NULL AND ($orientation = 'reverse' OR ($orientation = 'undirected' AND id(b) < id(a))) AS flip,
  CASE WHEN $merge = 'none' THEN elementId(r) END AS kept
// Grouping by `kept` as well keeps each relationship apart unless they are to be merged.
WITH CASE WHEN flip THEN b ELSE a END AS source, CASE WHEN flip THEN a ELSE b END AS target, kept,
  min(weight) AS weight
WITH gds.graph.project($graphName, source, target, {
    sourceNodeProperties: CASE WHEN $communities IS NULL THEN {} ELSE {community: $communities[toString(id(source))]} END,
    targetNodeProperties: CASE WHEN $communities IS NULL OR target IS NULL THEN {} ELSE {community: $communities[toString(id(target))]} END,
    relationshipProperties: {weight: weight}
  }, {
    undirectedRelationshipTypes: CASE WHEN $orientation = 'undirected' THEN ['*'] ELSE [] END
  }) AS graph
RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount
