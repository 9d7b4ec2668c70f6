// Creates or updates relationships of one type ({{type}}, from the allow-list) by id.
// Each row is {id, source, target, properties}; find-relationship-conflicts checked in this
// transaction that both ends exist and that the caller can see them.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
OPTIONAL MATCH (a)-[existing:{{type}} {id: row.id}]->(b)
WITH row, a, b, existing IS NULL AS created, CASE WHEN existing IS NULL THEN null ELSE properties(existing) END AS before
MERGE (a)-[r:{{type}} {id: row.id}]->(b)
SET r += row.properties
// An open relationship stays open when an editor updates it, as for nodes.
// A file without an ownerNcb or restrictedTo column or attribute leaves the stored value as
// it is (keepOwner, keepRestriction); one with the field empty clears it.
WITH r, row, created, before
CALL (r, row, created, before) {
  WITH r WHERE NOT created AND row.keepOwner
  SET r.ownerNcb = before.ownerNcb
}
CALL (r, row, created, before) {
  WITH r WHERE NOT created AND row.keepRestriction
  SET r.restrictedTo = before.restrictedTo
}
WITH r, created, before
CALL (r, created, before) {
  WITH r WHERE NOT created AND NOT $admin AND before.ownerNcb IS NULL
  SET r.ownerNcb = before.ownerNcb, r.restrictedTo = before.restrictedTo,
    r.reviewAt = before.reviewAt, r.expiresAt = before.expiresAt
}
WITH created, before, properties(r) AS after
RETURN
  sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT created AND before <> after THEN 1 ELSE 0 END) AS updated,
  sum(CASE WHEN NOT created AND before = after THEN 1 ELSE 0 END) AS unchanged
