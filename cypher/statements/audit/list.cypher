// Lists audit events newest first, filtered by each parameter that is not null. The cursor
// ($beforeAt, $beforeId) is the last event of the previous page; ties on `at` go by id.
MATCH (a:AuditEvent)
WHERE ($from IS NULL OR a.at >= datetime($from))
  AND ($to IS NULL OR a.at < datetime($to))
  AND ($sub IS NULL OR a.sub = $sub)
  AND ($role IS NULL OR a.role = $role)
  AND ($ncb IS NULL OR a.ncb = $ncb)
  AND ($route IS NULL OR a.route = $route)
  AND ($method IS NULL OR a.method = $method)
  AND ($status IS NULL OR a.status = $status)
  AND ($beforeAt IS NULL OR a.at < datetime($beforeAt) OR (a.at = datetime($beforeAt) AND a.id < $beforeId))
RETURN a {
  .id, .sub, .role, .ncb, .address, .method, .route, .parameters, .status, .code, .count,
  .changes, .durationMs, .requestId,
  at: toString(a.at)
} AS event
ORDER BY a.at DESC, a.id DESC
SKIP $offset
LIMIT $limit
