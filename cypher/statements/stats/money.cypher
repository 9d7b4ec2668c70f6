// Transfer totals per currency, summed exactly in minor units.
MATCH (a:Entity)-[r:TRANSFER]->(b:Entity)
WHERE {{visible r}} AND {{visible a}} AND {{visible b}} AND ($source IS NULL OR r.source = $source)
RETURN r.currency AS currency, count(*) AS transfers, sum(r.amountMinor) AS totalMinor
ORDER BY currency
