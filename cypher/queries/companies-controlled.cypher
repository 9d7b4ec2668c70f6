// @name companies-controlled
// @description Companies an entity owns, controls or manages, directly or through a chain of companies.
// @param id string -- the person, group, fund or company at the top
// @param maxHops integer 1..6 = 4 -- layers of ownership to follow
MATCH (owner:Entity {id: $id})
WHERE {{visible owner}}
MATCH path = (owner)-[:OWNS|CONTROLS|MANAGES*1..6]->(company:Company)
WHERE length(path) <= $maxHops
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}})
WITH company, min(length(path)) AS layers, collect(DISTINCT [r IN relationships(path) | type(r)]) AS chains
RETURN company.id AS id, company.name AS name, company.kind AS kind, company.jurisdiction AS jurisdiction,
  layers, chains[0] AS firstChain
ORDER BY layers, name, id
LIMIT 500
