-- Every write that refreshes a thread's search entry (posting, replying, closing …) reads the duplicates merged into
-- it. Without an index that read scanned every thread, so a post cost more the bigger the forum: with this one it is a
-- seek. (Not filtered: a parameterized MergedIntoId = @ThreadId is matched by a plain index on every edition.)
CREATE INDEX IX_Threads_MergedIntoId ON dbo.Threads (MergedIntoId);
