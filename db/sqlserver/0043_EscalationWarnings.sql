-- Reminders before a deadline (issue 12, item 2): one per thread, rung and cycle, decided by the unique key as for
-- escalations; the reminder and its mail are written in one transaction.
CREATE TABLE dbo.EscalationWarnings (
    Id             bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_EscalationWarnings PRIMARY KEY,
    ThreadId       bigint         NOT NULL CONSTRAINT FK_EscalationWarnings_Threads REFERENCES dbo.Threads (Id),
    Rung           nvarchar(30)   NOT NULL,
    Cycle          int            NOT NULL,
    DueAt          datetime2      NOT NULL,
    WarnedAt       datetime2      NOT NULL,
    RecipientCount int            NOT NULL,
    CONSTRAINT UX_EscalationWarnings_Thread_Rung_Cycle UNIQUE (ThreadId, Rung, Cycle)
);
GO

-- The reminder run reads the running deadlines of the next WarnBefore: a range of each index, as many rows as are
-- in the window, whatever the number of threads.
CREATE INDEX IX_Threads_ReplyDueAt ON dbo.Threads (ReplyDueAt) WHERE ReplyDueAt IS NOT NULL;
GO

CREATE INDEX IX_Threads_SolutionDueAt ON dbo.Threads (SolutionDueAt) INCLUDE (ReopenCount) WHERE SolutionDueAt IS NOT NULL;
GO
