// Transfers straight from one set of nodes to another within a date window.
MATCH (a:Entity)-[t:TRANSFER]->(b:Entity)
WHERE a.id IN $from AND b.id IN $to
  AND t.date IS :: DATE NOT NULL AND t.amountMinor > 0
  AND ($since IS NULL OR t.date >= $since) AND ($until IS NULL OR t.date <= $until)
  AND {{visible a}} AND {{visible t}} AND {{visible b}}
RETURN t.id AS id, a.id AS from, b.id AS to, t.date AS date, t.amountMinor AS amountMinor, t.currency AS currency
ORDER BY date, id
LIMIT $limit
