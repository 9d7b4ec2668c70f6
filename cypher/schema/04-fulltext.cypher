// Names and aliases of every entity. The standard-folding analyzer lower-cases and folds
// accents (é to e), so search ignores case and diacritics; Cyrillic is tokenised as words.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
