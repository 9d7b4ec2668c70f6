// One entity with its links counted by type and direction, and the notices and diffusions
// it is the subject of. Only links whose relationship and far end the viewer may see are
// counted, and only visible notices behind visible SUBJECT_OF relationships are listed.
// A self-loop counts once, in direction 'loop'.
MATCH (n:Entity {id: $id})
WHERE {{visible n}}
RETURN n,
  COLLECT {
    MATCH (n)-[r]-(other:Entity)
    WHERE {{visible r}} AND {{visible other}}
    WITH DISTINCT n, r
    WITH type(r) AS type,
      CASE WHEN startNode(r) = endNode(r) THEN 'loop' WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
    WITH type, direction, count(*) AS count
    RETURN {type: type, direction: direction, count: count}
  } AS links,
  COLLECT {
    MATCH (n)-[s:SUBJECT_OF]->(notice:Notice)
    WHERE {{visible s}} AND {{visible notice}}
    WITH DISTINCT notice
    RETURN notice
    ORDER BY notice.issuedAt DESC, notice.id
  } AS notices
