// Recreates the merged record from its snapshot, with its labels ($labels, checked against
// the allow-list before this runs).
MATCH (snapshot:MergeSnapshot {mergeSnapshotOf: $mergeId, mergeSnapshotRole: 'merged'})
CREATE (restored:Entity)
SET restored = properties(snapshot)
REMOVE restored.mergeSnapshotOf, restored.mergeSnapshotRole
SET restored:$($labels)
RETURN restored.id AS id
