// @name largest-recipients
// @description Who received the most in one currency from an entity and the accounts it holds, directly or one account further on. A second hop counts only when it is dated on or after the first. Amounts are whole transfers received, not the share of them that came from the start (the money trail route attributes shares). Recipients are account holders (the first by id), or the receiving node when no holder is visible.
// @param id string -- the entity the money leaves from
// @param currency currency -- ISO 4217 code, such as EUR
// @param maxHops integer 1..2 = 2 -- transfers from the start to the recipient
// @param since date = 1900-01-01 -- first day included
// @param until date = 2999-12-31 -- last day included
// @param limit integer 1..500 = 50 -- rows to return
MATCH (start:Entity {id: $id})
WHERE {{visible start}}
OPTIONAL MATCH (start)-[h:HOLDS]->(own:Account)
WHERE {{visible h}} AND {{visible own}}
WITH start, collect(own) AS owned
WITH [start] + owned AS sources
UNWIND sources AS source
MATCH path = (source)-[:TRANSFER*1..2]->(to:Entity)
WHERE length(path) <= $maxHops
  AND none(n IN nodes(path)[1..] WHERE n IN sources)
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE r.currency = $currency AND r.date >= $since AND r.date <= $until AND {{visible r}})
  AND (length(path) = 1 OR relationships(path)[1].date >= relationships(path)[0].date)
// A transfer reached along several paths counts once.
WITH to, last(relationships(path)) AS t, min(length(path)) AS hops
OPTIONAL MATCH (holder:Entity)-[toHolds:HOLDS]->(to)
WHERE {{visible holder}} AND {{visible toHolds}}
WITH to, t, hops, holder
ORDER BY holder.id
WITH to, t, hops, coalesce(collect(holder)[0], to) AS recipient
ORDER BY to.id
WITH recipient, count(t) AS transfers, sum(t.amountMinor) AS totalMinor, min(hops) AS nearest,
  coalesce(max(size(split(t.amount, '.')[1])), 0) AS exponent, collect(DISTINCT to.id) AS accounts
WITH recipient, transfers, totalMinor, nearest, exponent, accounts, toString(abs(totalMinor)) AS digits
WITH recipient, transfers, totalMinor, nearest, exponent, accounts,
  CASE WHEN size(digits) > exponent THEN digits ELSE right('0000000000' + digits, exponent + 1) END AS padded
RETURN recipient.id AS recipientId, recipient.name AS recipientName,
  [label IN labels(recipient) WHERE label <> 'Entity'][0] AS recipientLabel, accounts, $currency AS currency, transfers,
  CASE WHEN totalMinor < 0 THEN '-' ELSE '' END
    + CASE exponent WHEN 0 THEN padded ELSE left(padded, size(padded) - exponent) + '.' + right(padded, exponent) END AS total,
  nearest AS hops
ORDER BY totalMinor DESC, recipientId
LIMIT $limit
