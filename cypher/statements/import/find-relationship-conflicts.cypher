// Rows of one relationship type ({{type}}, from the allow-list) that the caller may not write.
// A row is returned when
// - its source or target is missing or hidden from the caller (reported the same way),
// - its id belongs to a relationship that the caller cannot see, or whose ends it cannot see,
// - its id belongs to a visible relationship between other nodes,
// - or its id belongs to a visible relationship that another country owns while the caller
//   is no admin.
// $viewer and $admin are as in find-node-conflicts. Of a hidden relationship only
// `hidden: true` is returned, never its ends or owner.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.source})
OPTIONAL MATCH (b:Entity {id: row.target})
OPTIONAL MATCH (x)-[existing:{{type}} {id: row.id}]->(y)
// As in find-node-conflicts, an expired relationship stays writable for its owner, and the
// write locks keep ends, owners and restrictions as read here until the upsert that follows
// in this transaction.
SET a._importLock = true, b._importLock = true, existing._importLock = true
REMOVE a._importLock, b._importLock, existing._importLock
WITH row, x, y, existing,
  a IS NOT NULL AND coalesce({{visible a}}, false) AS sourceStored,
  b IS NOT NULL AND coalesce({{visible b}}, false) AS targetStored,
  existing IS NOT NULL
    AND coalesce(({{visible existing}} OR existing.ownerNcb = $viewer.ncb) AND {{visible x}} AND {{visible y}}, false)
    AS existingVisible
WITH row, x, y, existing, sourceStored, targetStored, existingVisible,
  existing IS NOT NULL AND NOT existingVisible AS hidden,
  existingVisible AND (x.id <> row.source OR y.id <> row.target) AS otherEnds,
  existingVisible AND NOT ($admin OR coalesce(existing.ownerNcb, '') IN ['', coalesce($viewer.ncb, '')]) AS otherOwner,
  // As in find-node-conflicts: an editor may not restrict an open relationship or change its
  // review dates, and such a row is refused rather than stored open.
  existingVisible AND NOT $admin AND existing.ownerNcb IS NULL AND (
    (size(coalesce(row.properties.restrictedTo, [])) > 0 AND row.properties.restrictedTo <> coalesce(existing.restrictedTo, []))
    OR (row.properties.reviewAt IS NOT NULL AND toString(row.properties.reviewAt) <> coalesce(toString(existing.reviewAt), ''))
    OR (row.properties.expiresAt IS NOT NULL AND toString(row.properties.expiresAt) <> coalesce(toString(existing.expiresAt), ''))
  ) AS narrowsOpen
WHERE NOT sourceStored OR NOT targetStored OR hidden OR otherEnds OR otherOwner OR narrowsOpen
RETURN row.id AS id,
  narrowsOpen,
  NOT sourceStored AS sourceMissing,
  NOT targetStored AS targetMissing,
  hidden,
  CASE WHEN otherEnds THEN [x.id, y.id] END AS existingEndpoints,
  CASE WHEN otherOwner THEN existing.ownerNcb END AS ownerNcb
