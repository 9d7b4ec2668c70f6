// Gives the kept record back the properties it had before the merge, then marks the merge
// undone and drops its snapshots.
MATCH (keep:Entity {id: $keepId})
MATCH (snapshot:MergeSnapshot {mergeSnapshotOf: $mergeId, mergeSnapshotRole: 'keep'})
SET keep = properties(snapshot)
REMOVE keep.mergeSnapshotOf, keep.mergeSnapshotRole
WITH DISTINCT $mergeId AS mergeId
MATCH (record:Merge {id: mergeId})
SET record.status = 'undone', record.undoneAt = datetime(), record.undoneBy = $undoneBy
WITH record
MATCH (snapshot:MergeSnapshot {mergeSnapshotOf: record.id})
DELETE snapshot
RETURN record
