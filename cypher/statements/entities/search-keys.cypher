// $query is a Lucene query over skeleton keys built from escaped terms; $labels limits the
// labels (empty means all).
CALL db.index.fulltext.queryNodes('entity_name_keys', $query) YIELD node, score
WHERE {{visible node}} AND (size($labels) = 0 OR any(label IN labels(node) WHERE label IN $labels))
RETURN node, score
ORDER BY score DESC, node.name, node.id
LIMIT $limit
