// Records due for review or expired at $before: nodes and relationships whose `reviewAt`
// (kind 'review'), `expiresAt` (kind 'expired') or either (kind 'all') is at or before
// $before. Admins ($viewer.all) get every country's records, anyone else only those their
// country owns, expired or not. The ends of a relationship are named only when the caller may
// see them or owns them. $type is a node label or a relationship type, or null for any. The
// latest due instant comes first; `total` counts the rows before $offset and $limit.
CALL () {
  MATCH (n:Entity)
  WHERE (n.reviewAt IS NOT NULL OR n.expiresAt IS NOT NULL)
    AND ($viewer.all OR n.ownerNcb = $viewer.ncb)
  RETURN n.id AS id, 'node' AS element, [label IN labels(n) WHERE label <> 'Entity'][0] AS type,
    n.name AS name, null AS source, null AS target, n.ownerNcb AS ownerNcb,
    n.reviewAt AS reviewAt, n.expiresAt AS expiresAt
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE (r.reviewAt IS NOT NULL OR r.expiresAt IS NOT NULL)
    AND ($viewer.all OR r.ownerNcb = $viewer.ncb)
  RETURN r.id AS id, 'relationship' AS element, type(r) AS type, null AS name,
    CASE WHEN {{visible a}} OR a.ownerNcb = $viewer.ncb THEN a.id END AS source,
    CASE WHEN {{visible b}} OR b.ownerNcb = $viewer.ncb THEN b.id END AS target,
    r.ownerNcb AS ownerNcb, r.reviewAt AS reviewAt, r.expiresAt AS expiresAt
}
WITH *,
  coalesce(reviewAt <= $before, false) AS reviewDue,
  coalesce(expiresAt <= $before, false) AS expired
WHERE ($type IS NULL OR type = $type)
  AND (($kind = 'review' AND reviewDue) OR ($kind = 'expired' AND expired) OR ($kind = 'all' AND (reviewDue OR expired)))
WITH id, element, type, name, source, target, ownerNcb, reviewAt, expiresAt, reviewDue, expired,
  CASE
    WHEN $kind = 'review' THEN reviewAt
    WHEN $kind = 'expired' THEN expiresAt
    WHEN reviewDue AND expired THEN CASE WHEN reviewAt > expiresAt THEN reviewAt ELSE expiresAt END
    WHEN reviewDue THEN reviewAt
    ELSE expiresAt
  END AS due
ORDER BY due DESC, element, id
WITH collect({
  id: id, element: element, type: type, name: name, source: source, target: target, ownerNcb: ownerNcb,
  reviewAt: reviewAt, expiresAt: expiresAt, due: due, reviewDue: reviewDue, expired: expired
}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS rows
