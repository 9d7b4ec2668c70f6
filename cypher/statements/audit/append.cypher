// Appends a batch of audit events. They carry no `Entity` label and no relationship, so no
// read of the graph reaches them. `at` is an ISO 8601 instant in UTC.
UNWIND $events AS event
CREATE (a:AuditEvent {
  id: event.id,
  at: datetime(event.at),
  sub: event.sub,
  role: event.role,
  ncb: event.ncb,
  address: event.address,
  method: event.method,
  route: event.route,
  parameters: event.parameters,
  status: event.status,
  code: event.code,
  count: event.count,
  changes: event.changes,
  durationMs: event.durationMs,
  requestId: event.requestId
})
