// Every distinct expiry instant of a node or relationship, as milliseconds since the epoch.
// Values not stored as datetimes are skipped: the visibility rule hides those records from
// everyone but admins whatever the time.
// NOTE: the relationship half scans every relationship, since Neo4j has no index across
// relationship types; the analytics service runs it once per graph version.
CALL () {
  MATCH (n:Entity) WHERE n.expiresAt IS :: ZONED DATETIME NOT NULL
  RETURN n.expiresAt AS at
  UNION
  MATCH ()-[r]->() WHERE r.expiresAt IS :: ZONED DATETIME NOT NULL
  RETURN r.expiresAt AS at
}
WITH DISTINCT at.epochMillis AS millis
RETURN millis
ORDER BY millis
