-- Two reads that scanned every thread at 1,000,000 complaints (about 0.5 s each on SQLite):
-- the complaint page asks which duplicates were merged into it (almost always none): a filtered index on the few
-- merged threads answers at once (another change may have created it first);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_Threads_MergedIntoId' AND object_id = OBJECT_ID(N'dbo.Threads'))
    CREATE INDEX IX_Threads_MergedIntoId ON dbo.Threads (MergedIntoId) WHERE MergedIntoId IS NOT NULL;
-- the overdue list (newest first, a page at a time) walks the threads with a running deadline by Id, reading the
-- stored deadline from the index, and stops after one page. The index also covers the metrics' count of complaints
-- past each deadline, so the index on DeadlineAt alone goes.
CREATE INDEX IX_Threads_Running ON dbo.Threads (Id) INCLUDE (DeadlineAt, IsHidden, ReplyDueAt, SolutionDueAt) WHERE DeadlineAt IS NOT NULL;
DROP INDEX IX_Threads_DeadlineAt ON dbo.Threads;
