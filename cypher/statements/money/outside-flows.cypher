// All money entering and leaving each node, summed per day and currency. The service takes
// the trail's own transfers out of these sums, so pro-rata attribution sees each node's whole
// balance. Leaving the trail's ids out here instead would test every relationship of a hub
// against a list of thousands.
UNWIND $nodes AS node
MATCH (n:Entity {id: node})-[t:TRANSFER]-(m:Entity)
WHERE t.date IS :: DATE NOT NULL AND t.amountMinor > 0
  AND ($since IS NULL OR t.date >= $since) AND ($until IS NULL OR t.date <= $until)
  AND {{visible t}} AND {{visible m}}
WITH node, startNode(t) = n AS leaving, t.date AS date, t.currency AS currency, t.amountMinor AS minor
RETURN node, leaving, date, currency, sum(minor) AS minor, count(*) AS transfers
