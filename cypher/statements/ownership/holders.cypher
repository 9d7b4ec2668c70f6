// One level up the ownership graph: the visible OWNS and CONTROLS relationships into the
// $frontier holders from visible owners, at most $limit of them. A person is not owned, so
// into a person only CONTROLS is followed (a nominee and whoever controls him).
MATCH (owner:Entity)-[r:OWNS|CONTROLS]->(owned:Entity)
WHERE owned.id IN $frontier AND (type(r) = 'CONTROLS' OR NOT owned:Person)
  AND {{visible r}} AND {{visible owner}} AND {{visible owned}}
RETURN r, owner, owned.id AS owned
ORDER BY owned, owner.id, r.id
LIMIT $limit
