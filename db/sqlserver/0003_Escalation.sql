-- The escalation ladder: per-thread clock state, recipients, escalations (unique per thread, rung and cycle) and
-- the outbox that carries their e-mail.

ALTER TABLE dbo.Threads ADD
    ReopenCount            int       NOT NULL CONSTRAINT DF_Threads_ReopenCount DEFAULT 0,
    AwaitingHomeownerSince datetime2 NULL,
    SolutionPausedSeconds  bigint    NOT NULL CONSTRAINT DF_Threads_SolutionPausedSeconds DEFAULT 0,
    -- When the sweep should next look at the thread: never later than its earliest running deadline, null when no
    -- clock runs. Writers that change a thread's clocks set it to "now"; the sweep recomputes it from the policy.
    EscalationDueAt        datetime2 NULL;
GO

UPDATE dbo.Threads SET EscalationDueAt = CreatedAt WHERE Status <> N'Closed' AND IsHidden = 0;
CREATE INDEX IX_Threads_EscalationDueAt ON dbo.Threads (EscalationDueAt) WHERE EscalationDueAt IS NOT NULL;
GO

CREATE TABLE dbo.EscalationRecipients (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_EscalationRecipients PRIMARY KEY,
    CompanyId bigint        NOT NULL CONSTRAINT FK_EscalationRecipients_Companies REFERENCES dbo.Companies (Id),
    Role      nvarchar(30)  NOT NULL CONSTRAINT CK_EscalationRecipients_Role CHECK (Role IN (N'CustomerRelations', N'CompanyHead', N'Executive')),
    Name      nvarchar(100) NOT NULL,
    Email     nvarchar(256) NOT NULL,
    Language  nvarchar(10)  NOT NULL CONSTRAINT DF_EscalationRecipients_Language DEFAULT N'zh-CN',
    IsActive  bit           NOT NULL CONSTRAINT DF_EscalationRecipients_IsActive DEFAULT 1
);
CREATE INDEX IX_EscalationRecipients_CompanyId ON dbo.EscalationRecipients (CompanyId, Role);
GO

CREATE TABLE dbo.Escalations (
    Id             bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Escalations PRIMARY KEY,
    ThreadId       bigint       NOT NULL CONSTRAINT FK_Escalations_Threads REFERENCES dbo.Threads (Id),
    Rung           nvarchar(30) NOT NULL,
    Cycle          int          NOT NULL CONSTRAINT DF_Escalations_Cycle DEFAULT 0,
    DueAt          datetime2    NOT NULL,
    EscalatedAt    datetime2    NOT NULL,
    RecipientCount int          NOT NULL,
    CONSTRAINT UX_Escalations_ThreadId_Rung_Cycle UNIQUE (ThreadId, Rung, Cycle)
);
GO

CREATE TABLE dbo.OutboxMessages (
    Id            bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OutboxMessages PRIMARY KEY,
    EscalationId  bigint         NULL CONSTRAINT FK_OutboxMessages_Escalations REFERENCES dbo.Escalations (Id),
    Purpose       nvarchar(30)   NOT NULL,
    ToName        nvarchar(100)  NOT NULL,
    ToEmail       nvarchar(256)  NOT NULL,
    Language      nvarchar(10)   NOT NULL,
    Subject       nvarchar(300)  NOT NULL,
    TextBody      nvarchar(max)  NOT NULL,
    HtmlBody      nvarchar(max)  NOT NULL,
    MessageId     nvarchar(200)  NOT NULL CONSTRAINT UX_OutboxMessages_MessageId UNIQUE,
    Status        nvarchar(10)   NOT NULL CONSTRAINT DF_OutboxMessages_Status DEFAULT N'Pending',
    Attempts      int            NOT NULL CONSTRAINT DF_OutboxMessages_Attempts DEFAULT 0,
    CreatedAt     datetime2      NOT NULL,
    NextAttemptAt datetime2      NOT NULL,
    LockedUntil   datetime2      NULL,
    LastAttemptAt datetime2      NULL,
    SentAt        datetime2      NULL,
    LastResponse  nvarchar(1000) NULL
);
CREATE INDEX IX_OutboxMessages_Status_NextAttemptAt ON dbo.OutboxMessages (Status, NextAttemptAt);
CREATE INDEX IX_OutboxMessages_EscalationId ON dbo.OutboxMessages (EscalationId);
GO
