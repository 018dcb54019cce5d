-- Homeowner accounts (ASP.NET Core Identity through Dapper stores), roles, private contact details of a complaint,
-- co-signs, and request ids that make a double submit create one thread or one reply.

ALTER TABLE Users ADD COLUMN Email TEXT NULL;
ALTER TABLE Users ADD COLUMN NormalizedEmail TEXT NULL;
ALTER TABLE Users ADD COLUMN EmailConfirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Users ADD COLUMN PasswordHash TEXT NULL;
ALTER TABLE Users ADD COLUMN SecurityStamp TEXT NULL;
ALTER TABLE Users ADD COLUMN ConcurrencyStamp TEXT NULL;
ALTER TABLE Users ADD COLUMN LockoutEnd TEXT NULL;
ALTER TABLE Users ADD COLUMN LockoutEnabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE Users ADD COLUMN AccessFailedCount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Users ADD COLUMN Language TEXT NOT NULL DEFAULT 'zh-CN';
ALTER TABLE Users ADD COLUMN IsActive INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX UX_Users_NormalizedEmail ON Users (NormalizedEmail) WHERE NormalizedEmail IS NOT NULL;

CREATE TABLE UserRoles (
    UserId INTEGER NOT NULL REFERENCES Users (Id),
    Role   TEXT    NOT NULL CHECK (Role IN ('Homeowner', 'LocalStaff', 'HqStaff', 'Executive', 'Admin')),
    PRIMARY KEY (UserId, Role)
);

-- Private contact: never in public HTML; only the thread's company staff and HQ may see it.
CREATE TABLE ThreadContacts (
    ThreadId INTEGER PRIMARY KEY REFERENCES Threads (Id),
    RealName TEXT    NOT NULL,
    Phone    TEXT    NOT NULL,
    Unit     TEXT    NOT NULL
);

CREATE TABLE CoSigns (
    ThreadId  INTEGER NOT NULL REFERENCES Threads (Id),
    UserId    INTEGER NOT NULL REFERENCES Users (Id),
    CreatedAt TEXT    NOT NULL,
    PRIMARY KEY (ThreadId, UserId)
);

ALTER TABLE Threads ADD COLUMN RequestId TEXT NULL;
CREATE UNIQUE INDEX UX_Threads_RequestId ON Threads (RequestId) WHERE RequestId IS NOT NULL;
ALTER TABLE Posts ADD COLUMN RequestId TEXT NULL;
CREATE UNIQUE INDEX UX_Posts_RequestId ON Posts (RequestId) WHERE RequestId IS NOT NULL;
