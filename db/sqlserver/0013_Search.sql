-- Public search: the terms made by Forum.Core.Search.SearchTokenizer (Chinese as overlapping bigrams, other words
-- lower-cased), one row per (term, thread) with a weight: occurrences, a title occurrence counting four. A term
-- table needs no Full-Text Search feature, so it runs on every edition, Azure SQL and containers included.
-- The binary collation keeps terms exact whatever the database's collation.

CREATE TABLE dbo.ThreadSearchTerms (
    Term     nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    ThreadId bigint NOT NULL,
    Weight   int    NOT NULL,
    CONSTRAINT PK_ThreadSearchTerms PRIMARY KEY CLUSTERED (Term, ThreadId)
);
GO

CREATE INDEX IX_ThreadSearchTerms_ThreadId ON dbo.ThreadSearchTerms (ThreadId);
GO

-- Threads whose terms are written (a thread can have none), so that missing ones are indexed at start-up.
CREATE TABLE dbo.ThreadSearchIndexed (
    ThreadId bigint NOT NULL CONSTRAINT PK_ThreadSearchIndexed PRIMARY KEY
);
GO
