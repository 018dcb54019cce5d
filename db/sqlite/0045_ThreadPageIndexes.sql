-- Two reads that scanned every thread at 1,000,000 complaints (about 0.5 s each):
-- the complaint page asks which duplicates were merged into it (almost always none): a partial index on the few
-- merged threads answers at once (another change may have created it first);
CREATE INDEX IF NOT EXISTS IX_Threads_MergedIntoId ON Threads (MergedIntoId) WHERE MergedIntoId IS NOT NULL;
-- the overdue list (newest first, a page at a time) walks the threads with a running deadline by Id, reading the
-- stored deadline from the index, and stops after one page. The index also covers the metrics' count of complaints
-- past each deadline. The index on DeadlineAt alone goes: with it the planner sorted every overdue thread (1-2 s).
CREATE INDEX IX_Threads_Running ON Threads (Id, DeadlineAt, IsHidden, ReplyDueAt, SolutionDueAt) WHERE DeadlineAt IS NOT NULL;
DROP INDEX IX_Threads_DeadlineAt;
