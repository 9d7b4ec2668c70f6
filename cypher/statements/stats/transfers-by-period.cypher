// Transfers per calendar period and currency, summed exactly in minor units. $length is 7
// for months (YYYY-MM) and 4 for years (YYYY) of the transfer's date. A transfer whose
// `date` is missing or not a Neo4j date comes back with a null period, whatever the window,
// so the caller can count it apart.
MATCH (a:Entity)-[r:TRANSFER]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}}
  AND ($source IS NULL OR r.source = $source)
  AND ($currency IS NULL OR r.currency = $currency)
WITH r, CASE WHEN r.date IS :: DATE THEN r.date END AS day
WHERE day IS NULL OR (($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until))
WITH r, CASE WHEN day IS NOT NULL THEN substring(toString(day), 0, $length) END AS period
RETURN period, r.currency AS currency, count(*) AS transfers, sum(r.amountMinor) AS totalMinor
ORDER BY currency, period
