-- Staff accountability: every staff act in the audit log, every view of private contact details logged.

CREATE TABLE AuditLog (
    Id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ActorId   INTEGER NOT NULL REFERENCES Users (Id),
    ActorRole TEXT    NOT NULL,
    ThreadId  INTEGER NULL REFERENCES Threads (Id),
    Action    TEXT    NOT NULL,
    Before    TEXT    NULL,
    After     TEXT    NULL,
    At        TEXT    NOT NULL
);
CREATE INDEX IX_AuditLog_At ON AuditLog (At);
CREATE INDEX IX_AuditLog_ThreadId ON AuditLog (ThreadId);

CREATE TABLE ContactViews (
    Id       INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId INTEGER NOT NULL REFERENCES Threads (Id),
    ViewerId INTEGER NOT NULL REFERENCES Users (Id),
    At       TEXT    NOT NULL
);
CREATE INDEX IX_ContactViews_ThreadId ON ContactViews (ThreadId);

-- The staff queue: open threads of a company.
CREATE INDEX IX_Threads_CompanyId_Status ON Threads (CompanyId, Status);
