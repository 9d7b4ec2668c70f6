// @name largest-transfers
// @description The largest transfers in one currency between two dates, with who holds the accounts at each end.
// @param currency string -- ISO 4217 code, such as EUR
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
// @param limit integer 1..500 = 50 -- rows to return
MATCH (from:Entity)-[t:TRANSFER]->(to:Entity)
WHERE t.currency = $currency AND t.date >= $since AND t.date <= $until
  AND {{visible t}} AND {{visible from}} AND {{visible to}}
OPTIONAL MATCH (fromHolder:Entity)-[:HOLDS]->(from)
WHERE {{visible fromHolder}}
OPTIONAL MATCH (toHolder:Entity)-[:HOLDS]->(to)
WHERE {{visible toHolder}}
RETURN t.id AS id, t.date AS date, t.amount AS amount, t.currency AS currency,
  from.id AS fromId, from.name AS fromName, fromHolder.name AS fromHolder,
  to.id AS toId, to.name AS toName, toHolder.name AS toHolder
ORDER BY t.amountMinor DESC, t.date, t.id
LIMIT $limit
