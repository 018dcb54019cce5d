-- The escalation ladder: per-thread clock state, recipients, escalations (unique per thread, rung and cycle) and
-- the outbox that carries their e-mail.

ALTER TABLE Threads ADD COLUMN ReopenCount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Threads ADD COLUMN AwaitingHomeownerSince TEXT NULL;
ALTER TABLE Threads ADD COLUMN SolutionPausedSeconds INTEGER NOT NULL DEFAULT 0;
-- When the sweep should next look at the thread: never later than its earliest running deadline, null when no clock
-- runs. Writers that change a thread's clocks set it to "now"; the sweep recomputes it from the policy.
ALTER TABLE Threads ADD COLUMN EscalationDueAt TEXT NULL;
UPDATE Threads SET EscalationDueAt = CreatedAt WHERE Status <> 'Closed' AND IsHidden = 0;
CREATE INDEX IX_Threads_EscalationDueAt ON Threads (EscalationDueAt) WHERE EscalationDueAt IS NOT NULL;

CREATE TABLE EscalationRecipients (
    Id        INTEGER PRIMARY KEY,
    CompanyId INTEGER NOT NULL REFERENCES Companies (Id),
    Role      TEXT    NOT NULL CHECK (Role IN ('CustomerRelations', 'CompanyHead', 'Executive')),
    Name      TEXT    NOT NULL,
    Email     TEXT    NOT NULL,
    Language  TEXT    NOT NULL DEFAULT 'zh-CN',
    IsActive  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_EscalationRecipients_CompanyId ON EscalationRecipients (CompanyId, Role);

CREATE TABLE Escalations (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId       INTEGER NOT NULL REFERENCES Threads (Id),
    Rung           TEXT    NOT NULL,
    Cycle          INTEGER NOT NULL DEFAULT 0,
    DueAt          TEXT    NOT NULL,
    EscalatedAt    TEXT    NOT NULL,
    RecipientCount INTEGER NOT NULL,
    CONSTRAINT UX_Escalations_ThreadId_Rung_Cycle UNIQUE (ThreadId, Rung, Cycle)
);

CREATE TABLE OutboxMessages (
    Id            INTEGER PRIMARY KEY AUTOINCREMENT,
    EscalationId  INTEGER NULL REFERENCES Escalations (Id),
    Purpose       TEXT    NOT NULL,
    ToName        TEXT    NOT NULL,
    ToEmail       TEXT    NOT NULL,
    Language      TEXT    NOT NULL,
    Subject       TEXT    NOT NULL,
    TextBody      TEXT    NOT NULL,
    HtmlBody      TEXT    NOT NULL,
    MessageId     TEXT    NOT NULL,
    Status        TEXT    NOT NULL DEFAULT 'Pending',
    Attempts      INTEGER NOT NULL DEFAULT 0,
    CreatedAt     TEXT    NOT NULL,
    NextAttemptAt TEXT    NOT NULL,
    LockedUntil   TEXT    NULL,
    LastAttemptAt TEXT    NULL,
    SentAt        TEXT    NULL,
    LastResponse  TEXT    NULL,
    CONSTRAINT UX_OutboxMessages_MessageId UNIQUE (MessageId)
);
CREATE INDEX IX_OutboxMessages_Status_NextAttemptAt ON OutboxMessages (Status, NextAttemptAt);
CREATE INDEX IX_OutboxMessages_EscalationId ON OutboxMessages (EscalationId);
