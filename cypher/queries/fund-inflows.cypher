// @name fund-inflows
// @description Who paid into a fund or into the accounts it holds, between two dates: transfers and exact totals per payer and currency. A payer is the holder of the paying account (the first by id when it has several), or the paying node itself when no holder is visible. Transfers between the fund's own accounts are left out.
// @param id string -- the fund (or any entity that holds accounts)
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
MATCH (fund:Entity {id: $id})
WHERE {{visible fund}}
OPTIONAL MATCH (fund)-[h:HOLDS]->(account:Account)
WHERE {{visible h}} AND {{visible account}}
WITH fund, collect(account) AS accounts
WITH [fund] + accounts AS receivers
UNWIND receivers AS receiver
MATCH (from:Entity)-[t:TRANSFER]->(receiver)
WHERE t.date >= $since AND t.date <= $until AND NOT from IN receivers
  AND {{visible t}} AND {{visible from}}
OPTIONAL MATCH (holder:Entity)-[fromHolds:HOLDS]->(from)
WHERE {{visible holder}} AND {{visible fromHolds}}
WITH t, from, holder
ORDER BY holder.id
WITH t, from, coalesce(collect(holder)[0], from) AS payer
ORDER BY from.id
// The minor-unit exponent is read from the stored amount, which always has exactly the
// currency's decimal places; sums are exact 64-bit integers of minor units.
WITH payer, t.currency AS currency, count(t) AS transfers, sum(t.amountMinor) AS totalMinor,
  coalesce(max(size(split(t.amount, '.')[1])), 0) AS exponent, collect(DISTINCT from.id) AS accounts,
  min(t.date) AS firstDate, max(t.date) AS lastDate
WITH payer, currency, transfers, totalMinor, exponent, accounts, firstDate, lastDate,
  toString(abs(totalMinor)) AS digits
WITH payer, currency, transfers, totalMinor, exponent, accounts, firstDate, lastDate,
  CASE WHEN size(digits) > exponent THEN digits ELSE right('0000000000' + digits, exponent + 1) END AS padded
RETURN payer.id AS payerId, payer.name AS payerName,
  [label IN labels(payer) WHERE label <> 'Entity'][0] AS payerLabel, accounts, currency, transfers,
  CASE WHEN totalMinor < 0 THEN '-' ELSE '' END
    + CASE exponent WHEN 0 THEN padded ELSE left(padded, size(padded) - exponent) + '.' + right(padded, exponent) END AS total,
  firstDate, lastDate
ORDER BY currency, totalMinor DESC, payerId
LIMIT 1000
