// Every relationship of the record $id, visible or not, with which of its ends is the record
// whether the caller sees it and its other end, and its owner country.
MATCH (m:Entity {id: $id})-[r]-(other)
WITH DISTINCT m, r, other
RETURN type(r) AS type, r.id AS id, startNode(r) = m AS startMerged, endNode(r) = m AS endMerged,
  {{visible r}} AND {{visible other}} AS visible, r.ownerNcb AS ownerNcb
