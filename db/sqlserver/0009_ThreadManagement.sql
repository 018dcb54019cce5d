-- Managing threads: who is on it, and where a duplicate was merged (its old number redirects there).
ALTER TABLE dbo.Threads ADD
    AssignedToId bigint NULL CONSTRAINT FK_Threads_AssignedTo REFERENCES dbo.Users (Id),
    MergedIntoId bigint NULL CONSTRAINT FK_Threads_MergedInto REFERENCES dbo.Threads (Id);
GO

CREATE INDEX IX_Threads_AssignedToId ON dbo.Threads (AssignedToId) WHERE AssignedToId IS NOT NULL;
GO
