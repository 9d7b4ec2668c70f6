// @name account-flows
// @description Money in and out of every account an entity holds: counts and exact totals per currency.
// @param id string -- the account holder
MATCH (holder:Entity {id: $id})-[h:HOLDS]->(account:Account)
WHERE {{visible holder}} AND {{visible h}} AND {{visible account}}
OPTIONAL MATCH (account)-[out:TRANSFER]->(payee:Entity)
WHERE {{visible out}} AND {{visible payee}}
WITH holder, account, out.currency AS outCurrency, count(out) AS outCount, sum(out.amountMinor) AS outMinor
OPTIONAL MATCH (payer:Entity)-[in:TRANSFER]->(account)
WHERE {{visible in}} AND {{visible payer}}
RETURN account.id AS id, account.number AS number, account.bank AS bank, account.currency AS currency,
  outCurrency, outCount, outMinor, in.currency AS inCurrency, count(in) AS inCount, sum(in.amountMinor) AS inMinor
ORDER BY id, outCurrency, inCurrency
