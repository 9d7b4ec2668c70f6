// Transfers entering each requested node within its date range. A transfer without a date
// (a Neo4j date: a date stored as text is skipped) or a positive amount cannot take part
// in a time-ordered trail and is not returned. There is no ORDER BY, so LIMIT stops the
// read as soon as a level proves too large for the trail.
UNWIND $requests AS request
MATCH (b:Entity {id: request.node})<-[t:TRANSFER]-(a:Entity)
WHERE t.date IS :: DATE NOT NULL AND t.amountMinor > 0
  AND (request.from IS NULL OR t.date >= request.from)
  AND (request.to IS NULL OR t.date <= request.to)
  AND {{visible a}} AND {{visible t}} AND {{visible b}}
RETURN t.id AS id, a.id AS from, b.id AS to, t.date AS date, t.amountMinor AS amountMinor, t.currency AS currency
LIMIT $limit
