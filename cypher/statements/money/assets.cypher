// Assets that the trail's nodes, or the holders of its accounts, came to own on or after the
// day the traced money first reached them: where money may have come to rest as property.
// The day is the asset's acquiredOn, or else the OWNS relationship's since.
UNWIND $reached AS reached
MATCH (n:Entity {id: reached.node})
WHERE {{visible n}}
OPTIONAL MATCH (holder:Entity)-[h:HOLDS]->(n)
WHERE {{visible h}} AND {{visible holder}}
WITH reached, n, collect(DISTINCT holder) AS holders
WITH reached, [n] + holders AS owners
UNWIND owners AS owner
MATCH (owner)-[o:OWNS]->(a:Asset)
WHERE {{visible o}} AND {{visible a}} AND coalesce(a.acquiredOn, o.since) >= reached.from
RETURN DISTINCT a AS asset, owner.id AS owner, reached.node AS via, coalesce(a.acquiredOn, o.since) AS acquiredOn
ORDER BY acquiredOn, owner, via
LIMIT $limit
