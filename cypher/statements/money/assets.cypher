// Assets that the trail's nodes, or the holders of its accounts, came to own on or after the
// day the traced money first reached them: where money may have come to rest as property.
// The day is the asset's acquiredOn, or else the OWNS relationship's since. A day stored as
// text rather than a date (written by an older importer) is ignored.
UNWIND $reached AS reached
MATCH (n:Entity {id: reached.node})
WHERE {{visible n}}
OPTIONAL MATCH (holder:Entity)-[h:HOLDS]->(n)
WHERE {{visible h}} AND {{visible holder}}
WITH reached, n, collect(DISTINCT holder) AS holders
WITH reached, [n] + holders AS owners
UNWIND owners AS owner
MATCH (owner)-[o:OWNS]->(a:Asset)
WITH reached, owner, a, o,
  CASE WHEN a.acquiredOn IS :: DATE NOT NULL THEN a.acquiredOn ELSE o.since END AS acquiredOn
WHERE {{visible o}} AND {{visible a}} AND acquiredOn IS :: DATE NOT NULL AND acquiredOn >= reached.from
RETURN DISTINCT a AS asset, owner.id AS owner, reached.node AS via, acquiredOn
ORDER BY acquiredOn, owner, via
LIMIT $limit
