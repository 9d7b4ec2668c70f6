// @name largest-transfers
// @description The largest transfers in one currency between two dates, with who holds the accounts at each end.
// @param currency string -- ISO 4217 code, such as EUR
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
// @param limit integer 1..500 = 50 -- rows to return
MATCH (from:Entity)-[t:TRANSFER]->(to:Entity)
WHERE t.currency = $currency AND t.date >= $since AND t.date <= $until
  AND {{visible t}} AND {{visible from}} AND {{visible to}}
WITH from, t, to
ORDER BY t.amountMinor DESC, t.date, t.id
LIMIT $limit
OPTIONAL MATCH (fromHolder:Entity)-[fromHolds:HOLDS]->(from)
WHERE {{visible fromHolder}} AND {{visible fromHolds}}
OPTIONAL MATCH (toHolder:Entity)-[toHolds:HOLDS]->(to)
WHERE {{visible toHolder}} AND {{visible toHolds}}
WITH from, t, to, collect(DISTINCT fromHolder.name) AS fromHolders, collect(DISTINCT toHolder.name) AS toHolders
RETURN t.id AS id, t.date AS date, t.amount AS amount, t.currency AS currency,
  from.id AS fromId, from.name AS fromName, fromHolders,
  to.id AS toId, to.name AS toName, toHolders
ORDER BY t.amountMinor DESC, t.date, t.id
