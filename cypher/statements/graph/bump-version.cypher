// Raises the graph version by one, in the same transaction as the write it follows.
MERGE (v:GraphVersion {key: 'graph'})
SET v.version = coalesce(v.version, 0) + 1
