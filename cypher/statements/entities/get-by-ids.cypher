MATCH (n:Entity)
WHERE n.id IN $ids AND {{visible n}}
RETURN n
