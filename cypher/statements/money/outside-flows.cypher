// Money entering and leaving each node by other transfers than the trail's, summed per day
// and currency, so that pro-rata attribution sees each node's whole balance.
UNWIND $nodes AS node
MATCH (n:Entity {id: node})-[t:TRANSFER]-(m:Entity)
WHERE t.date IS NOT NULL AND t.amountMinor IS NOT NULL
  AND ($since IS NULL OR t.date >= $since) AND ($until IS NULL OR t.date <= $until)
  AND NOT t.id IN $trail
  AND {{visible t}} AND {{visible m}}
WITH node, startNode(t) = n AS leaving, t.date AS date, t.currency AS currency, t.amountMinor AS minor
RETURN node, leaving, date, currency, sum(minor) AS minor, count(*) AS transfers
