// Stores the fingerprint of the kept record right after the merge, which an undo compares.
MATCH (record:Merge {id: $mergeId})
SET record.keepFingerprint = $fingerprint
