// Stores a merge: snapshots of both records as they were, the kept record's new properties,
// the merged record deleted (its relationships were moved before), and the :Merge record with
// what an undo needs. The :Merge record carries the merged record's audience, so it is as
// visible as the record it describes.
MATCH (keep:Entity {id: $keepId})
MATCH (merged:Entity {id: $mergedId})
CREATE (keptBefore:MergeSnapshot)
SET keptBefore = properties(keep), keptBefore.mergeSnapshotOf = $mergeId, keptBefore.mergeSnapshotRole = 'keep'
CREATE (mergedBefore:MergeSnapshot)
SET mergedBefore = properties(merged), mergedBefore.mergeSnapshotOf = $mergeId, mergedBefore.mergeSnapshotRole = 'merged'
SET keep = $properties
DELETE merged
CREATE (record:Merge {
  id: $mergeId, keepId: $keepId, mergedId: $mergedId, mergedLabels: $mergedLabels,
  relationships: $relationships, createdAt: datetime(), createdBy: $createdBy, status: 'merged',
  ownerNcb: $properties.ownerNcb, restrictedTo: $properties.restrictedTo
})
RETURN record
