// Skeleton keys of every word of an entity's names (see src/names/skeleton.ts), one word a
// key, so a Latin query finds a Cyrillic name and the reverse. Keys are lower-case ASCII,
// so the whitespace analyzer keeps them as they are, and fuzzy queries count edits on them.
CREATE FULLTEXT INDEX entity_name_keys IF NOT EXISTS
FOR (n:Entity) ON EACH [n.nameKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } };
