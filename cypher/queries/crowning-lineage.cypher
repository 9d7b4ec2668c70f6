// @name crowning-lineage
// @description The thieves in law crowned by a thief, directly or through those they crowned, with date and place.
// @param id string -- the crowning thief
// @param depth integer 1..6 = 3 -- generations to follow
MATCH (crowner:Person {id: $id})
WHERE {{visible crowner}}
MATCH path = (crowner)<-[:CROWNED_BY*1..6]-(thief:Person)
WHERE length(path) <= $depth
  AND all(n IN nodes(path) WHERE {{visible n}})
  AND all(r IN relationships(path) WHERE {{visible r}})
// The last relationship runs from this thief to the one who crowned them.
WITH thief, path, last(relationships(path)) AS crowning
RETURN thief.id AS id, thief.name AS name, length(path) AS generation,
  endNode(crowning).id AS crownedBy, crowning.date AS date, crowning.place AS place
ORDER BY generation, date, id
LIMIT 500
