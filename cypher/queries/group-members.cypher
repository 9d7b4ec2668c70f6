// @name group-members
// @description Members of a criminal group with their rank, role, membership dates and notices in force.
// @param id string -- the group
MATCH (group:Group {id: $id})
WHERE {{visible group}}
MATCH (person:Person)-[m:MEMBER_OF]->(group)
WHERE {{visible person}} AND {{visible m}}
OPTIONAL MATCH (person)-[s:SUBJECT_OF]->(notice:Notice {status: 'active'})
WHERE {{visible s}} AND {{visible notice}}
RETURN person.id AS id, person.name AS name, person.status AS status, m.role AS role, m.since AS since,
  m.until AS until, collect(DISTINCT notice.colour + ' ' + notice.kind) AS notices
ORDER BY CASE person.status WHEN 'thief-in-law' THEN 0 WHEN 'authority' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, name, id
LIMIT 1000
