// The group of each node of $ids for brokerage roles: the node property $property as text,
// or, when $property is null, the smallest id among the visible groups it is a visible
// MEMBER_OF.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE {{visible n}}
RETURN id,
  CASE WHEN $property IS NULL
    THEN head(COLLECT {
      MATCH (n)-[m:MEMBER_OF]->(g:Group) WHERE {{visible m}} AND {{visible g}} RETURN g.id ORDER BY g.id
    })
    ELSE toStringOrNull(n[$property])
  END AS group
