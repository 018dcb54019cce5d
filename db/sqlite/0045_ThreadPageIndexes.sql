-- Two reads that scanned every thread at 1,000,000 complaints (about 0.5 s each):
-- the complaint page asks which duplicates were merged into it (almost always none): a partial index on the few
-- merged threads answers at once;
CREATE INDEX IX_Threads_MergedIntoId ON Threads (MergedIntoId) WHERE MergedIntoId IS NOT NULL;
-- the overdue list (newest first, a page at a time) walks the threads with a running deadline by Id, reading the
-- stored deadline from the index, and stops after one page, instead of sorting every overdue thread.
CREATE INDEX IX_Threads_Running ON Threads (Id, DeadlineAt) WHERE DeadlineAt IS NOT NULL;
