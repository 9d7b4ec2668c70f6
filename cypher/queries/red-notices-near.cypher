// @name red-notices-near
// @description Persons with an active red notice or diffusion within a number of links of an entity.
// @param id string -- the entity to start from
// @param maxHops integer 1..4 = 3 -- links to follow
MATCH (start:Entity {id: $id})
WHERE {{visible start}}
MATCH path = (start)-[*1..4]-(person:Person)-[s:SUBJECT_OF]->(notice:Notice {colour: 'red', status: 'active'})
WHERE length(path) <= $maxHops
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}})
  AND {{visible s}} AND {{visible notice}}
WITH person, notice, min(length(path)) AS distance
RETURN person.id AS id, person.name AS name, notice.kind AS kind, notice.issuedBy AS issuedBy,
  notice.issuedAt AS issuedAt, distance
ORDER BY distance, name, id
LIMIT 200
