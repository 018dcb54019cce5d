-- Staff accountability: every staff act in the audit log, every view of private contact details logged.

CREATE TABLE dbo.AuditLog (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY,
    ActorId   bigint         NOT NULL CONSTRAINT FK_AuditLog_Users REFERENCES dbo.Users (Id),
    ActorRole nvarchar(20)   NOT NULL,
    ThreadId  bigint         NULL CONSTRAINT FK_AuditLog_Threads REFERENCES dbo.Threads (Id),
    Action    nvarchar(40)   NOT NULL,
    Before    nvarchar(2000) NULL,
    After     nvarchar(2000) NULL,
    At        datetime2      NOT NULL
);
CREATE INDEX IX_AuditLog_At ON dbo.AuditLog (At);
CREATE INDEX IX_AuditLog_ThreadId ON dbo.AuditLog (ThreadId);
GO

CREATE TABLE dbo.ContactViews (
    Id       bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ContactViews PRIMARY KEY,
    ThreadId bigint    NOT NULL CONSTRAINT FK_ContactViews_Threads REFERENCES dbo.Threads (Id),
    ViewerId bigint    NOT NULL CONSTRAINT FK_ContactViews_Users REFERENCES dbo.Users (Id),
    At       datetime2 NOT NULL
);
CREATE INDEX IX_ContactViews_ThreadId ON dbo.ContactViews (ThreadId);
GO

-- The staff queue: open threads of a company.
CREATE INDEX IX_Threads_CompanyId_Status ON dbo.Threads (CompanyId, Status);
GO
