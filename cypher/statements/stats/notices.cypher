// Notices and diffusions by colour, kind, status and issuing country.
MATCH (n:Notice)
WHERE {{visible n}} AND ($source IS NULL OR n.source = $source)
RETURN n.colour AS colour, n.kind AS kind, n.status AS status, n.issuedBy AS issuedBy, count(*) AS count
ORDER BY colour, kind, status, issuedBy
