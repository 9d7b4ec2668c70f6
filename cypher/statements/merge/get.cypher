// One merge record, if the caller can see it.
MATCH (record:Merge {id: $id})
WHERE {{visible record}}
RETURN record
