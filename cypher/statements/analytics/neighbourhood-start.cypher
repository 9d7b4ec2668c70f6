// The visible nodes among $ids: where a neighbourhood scope starts.
MATCH (n:Entity)
WHERE n.id IN $ids AND {{visible n}}
RETURN n.id AS id
