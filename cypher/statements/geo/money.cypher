// Money received per country, day and currency: visible TRANSFER relationships summed
// exactly in minor units. The receiving entity's country is, in this order, its own
// `country` (an account's bank country), its `jurisdiction`, the country of a location it
// is LOCATED_IN, or that of its holder (by the holder's `country`, `jurisdiction` or
// LOCATED_IN); among several locations or holders the smallest code wins. Transfers whose
// receiver has none of these are left out. The latest days come first, so a cut at $limit
// rows drops the oldest.
// NOTE: without $since and $until this reads every visible transfer; the viewer asks once per
// sign-in, but on networks of millions of transfers the request may run into the timeout.
MATCH (a:Entity)-[r:TRANSFER]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}} AND ($source IS NULL OR r.source = $source)
  AND r.amountMinor IS NOT NULL AND r.currency IS NOT NULL
WITH b, r, left(toString(r.date), 10) AS date
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
WITH b, date, r.currency AS currency, count(*) AS transfers, sum(r.amountMinor) AS totalMinor
WITH b, collect({date: date, currency: currency, transfers: transfers, totalMinor: totalMinor}) AS days
CALL (b) {
  OPTIONAL MATCH (b)-[l:LOCATED_IN]->(place:Location)
  WHERE {{visible l}} AND {{visible place}} AND place.country =~ '[A-Z]{2}'
  WITH b, min(place.country) AS located
  OPTIONAL MATCH (holder:Entity)-[h:HOLDS]->(b)
  WHERE {{visible holder}} AND {{visible h}}
  OPTIONAL MATCH (holder)-[hl:LOCATED_IN]->(home:Location)
  WHERE {{visible hl}} AND {{visible home}} AND home.country =~ '[A-Z]{2}'
  WITH b, located, min(CASE
    WHEN holder.country =~ '[A-Z]{2}' THEN holder.country
    WHEN holder.jurisdiction =~ '[A-Z]{2}' THEN holder.jurisdiction
    ELSE home.country
  END) AS held
  RETURN CASE
    WHEN b.country =~ '[A-Z]{2}' THEN b.country
    WHEN b.jurisdiction =~ '[A-Z]{2}' THEN b.jurisdiction
    ELSE coalesce(located, held)
  END AS country
}
WITH country, days
WHERE country IS NOT NULL
UNWIND days AS day
WITH country, day.date AS date, day.currency AS currency,
  sum(day.transfers) AS transfers, sum(day.totalMinor) AS totalMinor
RETURN country, date, currency, transfers, totalMinor
ORDER BY date DESC, country, currency
LIMIT $limit
