-- The masking of personal data now catches more spellings (full-width digits, dotted and spaced groups, +86,
-- IDN addresses). The index was built with the old masking and may hold such numbers as terms: empty it, and
-- the start-up indexing (SearchIndex.IndexMissingAsync) rebuilds every visible thread from masked text.
DELETE FROM ThreadSearch;
