// Visible notices and diffusions per issuing country (`issuedBy`, the NCB's ISO 3166-1 code),
// day of issue, colour and kind. Undated ones carry a null date and drop out of any window.
// The latest days come first, so a cut at $limit rows drops the oldest.
MATCH (n:Notice)
WHERE {{visible n}} AND ($source IS NULL OR n.source = $source) AND n.issuedBy =~ '[A-Z]{2}'
WITH n, n.issuedBy AS country, left(toString(n.issuedAt), 10) AS date
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
RETURN country, date, n.colour AS colour, n.kind AS kind, count(*) AS count
ORDER BY date DESC, country, colour, kind
LIMIT $limit
