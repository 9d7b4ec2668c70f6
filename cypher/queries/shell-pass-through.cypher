// @name shell-pass-through
// @description Accounts that sent on at least a given percentage of what they received between two dates, per currency: the mark of a pass-through or shell account. Inflow and outflow are exact totals of the transfers dated in the window; accounts with no outflow in a currency are not listed.
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
// @param percent integer 1..1000 = 90 -- least outflow, as a percentage of the inflow
// @param limit integer 1..1000 = 200 -- rows to return
MATCH (payer:Entity)-[in:TRANSFER]->(account:Account)
WHERE in.date >= $since AND in.date <= $until
  AND {{visible in}} AND {{visible payer}} AND {{visible account}}
WITH account, in.currency AS currency, count(in) AS inTransfers, sum(in.amountMinor) AS inMinor,
  coalesce(max(size(split(in.amount, '.')[1])), 0) AS exponent
MATCH (account)-[out:TRANSFER]->(payee:Entity)
WHERE out.currency = currency AND out.date >= $since AND out.date <= $until
  AND {{visible out}} AND {{visible payee}}
WITH account, currency, inTransfers, inMinor, exponent, count(out) AS outTransfers, sum(out.amountMinor) AS outMinor
// Integer arithmetic keeps the comparison exact: out / in >= percent / 100.
WHERE inMinor > 0 AND outMinor * 100 >= inMinor * $percent
WITH account, currency, inTransfers, inMinor, outTransfers, outMinor, exponent
ORDER BY currency, inMinor DESC, account.id
LIMIT $limit
OPTIONAL MATCH (holder:Entity)-[holds:HOLDS]->(account)
WHERE {{visible holder}} AND {{visible holds}}
WITH account, currency, inTransfers, inMinor, outTransfers, outMinor, exponent, holder
ORDER BY holder.name, holder.id
WITH account, currency, inTransfers, inMinor, outTransfers, outMinor, exponent, collect(holder.name) AS holders,
  toString(inMinor) AS inDigits, toString(outMinor) AS outDigits
WITH account, currency, inTransfers, inMinor, outTransfers, outMinor, exponent, holders,
  CASE WHEN size(inDigits) > exponent THEN inDigits ELSE right('0000000000' + inDigits, exponent + 1) END AS inPadded,
  CASE WHEN size(outDigits) > exponent THEN outDigits ELSE right('0000000000' + outDigits, exponent + 1) END AS outPadded
RETURN account.id AS id, account.name AS name, account.country AS country, holders, currency,
  inTransfers,
  CASE exponent WHEN 0 THEN inPadded ELSE left(inPadded, size(inPadded) - exponent) + '.' + right(inPadded, exponent) END AS inflow,
  outTransfers,
  CASE exponent WHEN 0 THEN outPadded ELSE left(outPadded, size(outPadded) - exponent) + '.' + right(outPadded, exponent) END AS outflow,
  (outMinor * 100) / inMinor AS outPercent
ORDER BY currency, inMinor DESC, id
