// Which of the $frontier holders have a visible owner or controller, by the same rules as
// ownership/holders, without loading the relationships.
MATCH (owner:Entity)-[r:OWNS|CONTROLS]->(owned:Entity)
WHERE owned.id IN $frontier AND (type(r) = 'CONTROLS' OR NOT owned:Person)
  AND {{visible r}} AND {{visible owner}} AND {{visible owned}}
RETURN DISTINCT owned.id AS id
