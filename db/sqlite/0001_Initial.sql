-- Companies, projects, categories, users, threads and posts. Times are UTC, stored as ISO-8601 text
-- ('yyyy-MM-dd HH:mm:ss.FFFFFFF'), which sorts and compares correctly as text.

CREATE TABLE Companies (
    Id        INTEGER PRIMARY KEY,
    Slug      TEXT    NOT NULL,
    Kind      TEXT    NOT NULL CHECK (Kind IN ('Headquarters', 'Local')),
    Name      TEXT    NOT NULL,
    NameEn    TEXT    NOT NULL,
    SortOrder INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT UX_Companies_Slug UNIQUE (Slug)
);

CREATE TABLE Projects (
    Id        INTEGER PRIMARY KEY,
    CompanyId INTEGER NOT NULL REFERENCES Companies (Id),
    Slug      TEXT    NOT NULL,
    Name      TEXT    NOT NULL,
    NameEn    TEXT    NOT NULL,
    City      TEXT    NOT NULL,
    CONSTRAINT UX_Projects_Slug UNIQUE (Slug)
);
CREATE INDEX IX_Projects_CompanyId ON Projects (CompanyId);

CREATE TABLE Categories (
    Id        INTEGER PRIMARY KEY,
    Code      TEXT    NOT NULL,
    Name      TEXT    NOT NULL,
    NameEn    TEXT    NOT NULL,
    SortOrder INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT UX_Categories_Code UNIQUE (Code)
);

CREATE TABLE Users (
    Id          INTEGER PRIMARY KEY,
    DisplayName TEXT    NOT NULL,
    CompanyId   INTEGER NULL REFERENCES Companies (Id),
    CreatedAt   TEXT    NOT NULL
);

-- AUTOINCREMENT: a thread's id is its public number (T-000123) and must never be reused.
CREATE TABLE Threads (
    Id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    CompanyId            INTEGER NOT NULL REFERENCES Companies (Id),
    ProjectId            INTEGER NOT NULL REFERENCES Projects (Id),
    CategoryId           INTEGER NOT NULL REFERENCES Categories (Id),
    AuthorId             INTEGER NOT NULL REFERENCES Users (Id),
    Title                TEXT    NOT NULL,
    Body                 TEXT    NOT NULL,
    Status               TEXT    NOT NULL,
    CreatedAt            TEXT    NOT NULL,
    UpdatedAt            TEXT    NOT NULL,
    FirstOfficialReplyAt TEXT    NULL,
    SolutionProposedAt   TEXT    NULL,
    ClosedAt             TEXT    NULL,
    ReopenedAt           TEXT    NULL,
    ResolutionSummary    TEXT    NULL,
    ReplyCount           INTEGER NOT NULL DEFAULT 0,
    CoSignCount          INTEGER NOT NULL DEFAULT 0,
    IsLocked             INTEGER NOT NULL DEFAULT 0,
    IsGroupComplaint     INTEGER NOT NULL DEFAULT 0,
    IsHidden             INTEGER NOT NULL DEFAULT 0
);
-- The lists are newest first (Id DESC) with optional filters; each filter has an index ending in Id so that a
-- keyset page seeks straight to its cursor.
CREATE INDEX IX_Threads_CompanyId_Id  ON Threads (CompanyId, Id);
CREATE INDEX IX_Threads_ProjectId_Id  ON Threads (ProjectId, Id);
CREATE INDEX IX_Threads_CategoryId_Id ON Threads (CategoryId, Id);
CREATE INDEX IX_Threads_Status_Id     ON Threads (Status, Id);
CREATE INDEX IX_Threads_AuthorId      ON Threads (AuthorId);

CREATE TABLE Posts (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId     INTEGER NOT NULL REFERENCES Threads (Id),
    Kind         TEXT    NOT NULL,
    AuthorId     INTEGER NULL REFERENCES Users (Id),
    CompanyId    INTEGER NULL REFERENCES Companies (Id),
    Body         TEXT    NOT NULL,
    EventType    TEXT    NULL,
    CreatedAt    TEXT    NOT NULL,
    IsHidden     INTEGER NOT NULL DEFAULT 0,
    HiddenReason TEXT    NULL
);
CREATE INDEX IX_Posts_ThreadId_Id ON Posts (ThreadId, Id);
