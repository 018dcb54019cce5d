-- Reminders before a deadline (issue 12, item 2): one per thread, rung and cycle, decided by the unique key as for
-- escalations; the reminder and its mail are written in one transaction.
CREATE TABLE EscalationWarnings (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId       INTEGER NOT NULL REFERENCES Threads (Id),
    Rung           TEXT    NOT NULL,
    Cycle          INTEGER NOT NULL,
    DueAt          TEXT    NOT NULL,
    WarnedAt       TEXT    NOT NULL,
    RecipientCount INTEGER NOT NULL,
    CONSTRAINT UX_EscalationWarnings_Thread_Rung_Cycle UNIQUE (ThreadId, Rung, Cycle)
);

-- The reminder run reads the running deadlines of the next WarnBefore: a range of each index, as many rows as are
-- in the window, whatever the number of threads.
CREATE INDEX IX_Threads_ReplyDueAt ON Threads (ReplyDueAt) WHERE ReplyDueAt IS NOT NULL;
CREATE INDEX IX_Threads_SolutionDueAt ON Threads (SolutionDueAt, ReopenCount) WHERE SolutionDueAt IS NOT NULL;
