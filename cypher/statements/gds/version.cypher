// The version of the Graph Data Science library; fails where it is not installed.
RETURN gds.version() AS version
