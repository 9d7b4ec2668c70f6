// Transfers leaving each requested node in one currency, from a date, with an amount in a
// band: the next hops of the round trips the cycle search is growing.
UNWIND $requests AS request
MATCH (a:Entity {id: request.node})-[t:TRANSFER]->(b:Entity)
WHERE t.currency = request.currency AND t.date IS :: DATE NOT NULL
  AND t.date >= request.from AND ($until IS NULL OR t.date <= $until)
  AND t.amountMinor > 0 AND t.amountMinor >= request.low AND t.amountMinor <= request.high
  AND {{visible a}} AND {{visible t}} AND {{visible b}}
RETURN t.id AS id, a.id AS from, b.id AS to, t.date AS date, t.amountMinor AS amountMinor, t.currency AS currency
ORDER BY date, id
LIMIT $limit
