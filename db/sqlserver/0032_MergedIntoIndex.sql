-- Every write that refreshes a thread's search entry (posting, replying, closing …) reads the duplicates merged into
-- it. Without an index that read scanned every thread, so a post cost more the bigger the forum: with this one it is a
-- seek. (0045 creates the same index for the complaint page; whichever runs first creates it.)
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_Threads_MergedIntoId' AND object_id = OBJECT_ID(N'dbo.Threads'))
    CREATE INDEX IX_Threads_MergedIntoId ON dbo.Threads (MergedIntoId) WHERE MergedIntoId IS NOT NULL;
