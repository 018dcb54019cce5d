-- Every write that refreshes a thread's search entry (posting, replying, closing …) reads the duplicates merged into
-- it. Without an index that read scanned every thread, so a post cost more the bigger the forum: with this one it is a
-- seek. Only merged threads have a value, so the index holds only them. (0045 creates the same index for the
-- complaint page; whichever runs first creates it.)
CREATE INDEX IF NOT EXISTS IX_Threads_MergedIntoId ON Threads (MergedIntoId) WHERE MergedIntoId IS NOT NULL;
