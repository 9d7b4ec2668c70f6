// Properties that queries filter on.
CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.source);
CREATE INDEX person_status IF NOT EXISTS FOR (n:Person) ON (n.status);
CREATE INDEX company_kind IF NOT EXISTS FOR (n:Company) ON (n.kind);
CREATE INDEX notice_colour IF NOT EXISTS FOR (n:Notice) ON (n.colour, n.kind, n.status);
CREATE INDEX location_country IF NOT EXISTS FOR (n:Location) ON (n.country);
CREATE INDEX transfer_date IF NOT EXISTS FOR ()-[r:TRANSFER]-() ON (r.date);
CREATE INDEX transfer_source IF NOT EXISTS FOR ()-[r:TRANSFER]-() ON (r.source);
CREATE INDEX entity_expires_at IF NOT EXISTS FOR (n:Entity) ON (n.expiresAt);
CREATE INDEX entity_review_at IF NOT EXISTS FOR (n:Entity) ON (n.reviewAt);
