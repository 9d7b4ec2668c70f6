// The graph version: how many write transactions have been committed through the service.
OPTIONAL MATCH (v:GraphVersion {key: 'graph'})
RETURN v.version AS version
