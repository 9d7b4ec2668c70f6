// Which of $ids name a visible node.
MATCH (n:Entity)
WHERE n.id IN $ids AND {{visible n}}
RETURN n.id AS id
