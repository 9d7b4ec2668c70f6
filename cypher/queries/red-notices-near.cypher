// @name red-notices-near
// @description Persons with an active red notice or diffusion within a number of links of an entity (0 links: the entity itself).
// @param id string -- the entity to start from
// @param maxHops integer 0..4 = 3 -- links to follow, not counting the link to the notice
MATCH (start:Entity {id: $id})
WHERE {{visible start}}
MATCH path = (start)-[*0..4]-(person:Person)
WHERE length(path) <= $maxHops
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}})
WITH person, min(length(path)) AS distance
MATCH (person)-[s:SUBJECT_OF]->(notice:Notice {colour: 'red', status: 'active'})
WHERE {{visible s}} AND {{visible notice}}
RETURN person.id AS id, person.name AS name, notice.kind AS kind, notice.issuedBy AS issuedBy,
  notice.issuedAt AS issuedAt, distance
ORDER BY distance, name, id, issuedAt
LIMIT 200
