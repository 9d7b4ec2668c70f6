// The merges the caller can see, newest first.
MATCH (record:Merge)
WHERE {{visible record}}
RETURN record
ORDER BY record.createdAt DESC, record.id
LIMIT $limit
