// Transfers of a positive amount dated from $since to $until (both included) between visible
// entities, with the amount in minor units as text so that it reaches JavaScript exactly. At
// most $limit rows; the caller asks for one more than it accepts, to tell a full scan from a
// cut one.
MATCH (a:Entity)-[r:TRANSFER]->(b:Entity)
WHERE r.date >= date($since) AND r.date <= date($until)
  AND ($source IS NULL OR r.source = $source)
  AND r.amountMinor > 0 AND r.currency IS NOT NULL
  AND {{visible r}} AND {{visible a}} AND {{visible b}}
RETURN r.id AS id, a.id AS fromId, b.id AS toId, toString(r.date) AS date,
       toString(r.amountMinor) AS amountMinor, r.currency AS currency
LIMIT $limit
