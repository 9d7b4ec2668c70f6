// An entity and the accounts it holds: where money leaves from or arrives at when a trail
// starts at a person, company or fund rather than at one account.
MATCH (e:Entity {id: $id})
WHERE {{visible e}}
OPTIONAL MATCH (e)-[h:HOLDS]->(a:Account)
WHERE {{visible h}} AND {{visible a}}
RETURN e.id AS id, [label IN labels(e) WHERE label <> 'Entity'][0] AS label, collect(DISTINCT a.id) AS accounts
