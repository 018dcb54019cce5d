-- Public search: one FTS5 row per visible thread, rowid = Threads.Id. The columns hold the terms made by
-- Forum.Core.Search.SearchTokenizer (Chinese as overlapping bigrams, other words lower-cased), separated by spaces.
-- Contentless: the text is in Threads and Posts already; contentless_delete lets a thread's row be replaced.
CREATE VIRTUAL TABLE ThreadSearch USING fts5 (Title, Body, content = '', contentless_delete = 1);
