// Creates or updates nodes by id. Each row is {id, label, properties}; the label comes from
// the fixed allow-list and is checked before this runs. Returns what changed.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Entity {id: row.id})
WITH row, existing IS NULL AS created, CASE WHEN existing IS NULL THEN null ELSE properties(existing) END AS before
MERGE (n:Entity {id: row.id})
SET n:$(row.label)
SET n += row.properties
// An open record stays open when an editor updates it: only an admin may give it an owner,
// narrow who sees it, or change when it is due for review or expires. The owner country may
// change these on its own record.
// A file without an ownerNcb or restrictedTo column or attribute leaves the stored value as
// it is (keepOwner, keepRestriction); one with the field empty clears it.
WITH n, row, created, before
CALL (n, row, created, before) {
  WITH n WHERE NOT created AND row.keepOwner
  SET n.ownerNcb = before.ownerNcb
}
CALL (n, row, created, before) {
  WITH n WHERE NOT created AND row.keepRestriction
  SET n.restrictedTo = before.restrictedTo
}
WITH n, created, before
CALL (n, created, before) {
  WITH n WHERE NOT created AND NOT $admin AND before.ownerNcb IS NULL
  SET n.ownerNcb = before.ownerNcb, n.restrictedTo = before.restrictedTo,
    n.reviewAt = before.reviewAt, n.expiresAt = before.expiresAt
}
WITH created, before, properties(n) AS after
RETURN
  sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT created AND before <> after THEN 1 ELSE 0 END) AS updated,
  sum(CASE WHEN NOT created AND before = after THEN 1 ELSE 0 END) AS unchanged
