-- Start-up looks for threads whose schedule was never stored (databases from before 0015); on a million threads it
-- must not scan the table at every start. Once every thread is scheduled the index is empty.
CREATE INDEX IX_Threads_Unscheduled ON Threads (Id) WHERE ScheduledAt IS NULL;
