// One page of entities, in id order after $after, with what their name keys are computed from.
MATCH (n:Entity)
WHERE n.id > $after AND {{visible n}}
RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.nickname AS nickname,
       n.nicknames AS nicknames, n.klichka AS klichka, n.nameKeys AS nameKeys
ORDER BY n.id
LIMIT $limit
