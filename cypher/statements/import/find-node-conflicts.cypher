// Rows that the caller may not write. A row is returned when its id belongs to a node that
// the caller cannot see, to a visible node of another label, or to a visible node that
// another country owns while the caller is no admin. $viewer is the caller's visibility and
// $admin whether the caller may change records of every country. Of a hidden node only
// `visible: false` is returned, never its label or owner.
UNWIND $rows AS row
MATCH (existing:Entity {id: row.id})
// Setting and removing a property takes the node's write lock without changing it, so no
// other transaction can change its label, owner or restriction before the upsert that
// follows in this transaction.
SET existing._importLock = true
REMOVE existing._importLock
// An expired record stays writable for the country that owns it, so the owner can renew it.
WITH row, existing, coalesce({{visible existing}} OR existing.ownerNcb = $viewer.ncb, false) AS visible
WITH row, existing, visible,
  visible AND NOT row.label IN labels(existing) AS otherLabel,
  visible AND NOT ($admin OR coalesce(existing.ownerNcb, '') IN ['', coalesce($viewer.ncb, '')]) AS otherOwner,
  // The upsert keeps an open record's restriction and review dates when an editor writes it;
  // a row that asks to change them is refused rather than stored open without them.
  visible AND NOT $admin AND existing.ownerNcb IS NULL AND (
    (size(coalesce(row.properties.restrictedTo, [])) > 0 AND row.properties.restrictedTo <> coalesce(existing.restrictedTo, []))
    OR (row.properties.reviewAt IS NOT NULL AND toString(row.properties.reviewAt) <> coalesce(toString(existing.reviewAt), ''))
    OR (row.properties.expiresAt IS NOT NULL AND toString(row.properties.expiresAt) <> coalesce(toString(existing.expiresAt), ''))
  ) AS narrowsOpen
WHERE NOT visible OR otherLabel OR otherOwner OR narrowsOpen
RETURN row.id AS id,
  visible,
  narrowsOpen,
  CASE WHEN otherLabel THEN [label IN labels(existing) WHERE label <> 'Entity'][0] END AS existingLabel,
  CASE WHEN otherOwner THEN existing.ownerNcb END AS ownerNcb
