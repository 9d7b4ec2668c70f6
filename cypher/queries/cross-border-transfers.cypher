// @name cross-border-transfers
// @description Transfers between two dates from an account in one country to an account in another, by the accounts' `country` (ISO 3166-1 alpha-2), with who holds the accounts at each end. Accounts without a country are left out.
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
// @param limit integer 1..1000 = 200 -- rows to return
MATCH (from:Account)-[t:TRANSFER]->(to:Account)
WHERE t.date >= $since AND t.date <= $until
  AND from.country IS NOT NULL AND to.country IS NOT NULL AND from.country <> to.country
  AND {{visible t}} AND {{visible from}} AND {{visible to}}
WITH from, t, to
ORDER BY t.date, t.id
LIMIT $limit
OPTIONAL MATCH (fromHolder:Entity)-[fromHolds:HOLDS]->(from)
WHERE {{visible fromHolder}} AND {{visible fromHolds}}
OPTIONAL MATCH (toHolder:Entity)-[toHolds:HOLDS]->(to)
WHERE {{visible toHolder}} AND {{visible toHolds}}
WITH from, t, to, collect(DISTINCT fromHolder.name) AS fromHolders, collect(DISTINCT toHolder.name) AS toHolders
RETURN t.id AS id, t.date AS date, t.amount AS amount, t.currency AS currency,
  from.id AS fromId, from.country AS fromCountry, fromHolders,
  to.id AS toId, to.country AS toCountry, toHolders
ORDER BY date, id
