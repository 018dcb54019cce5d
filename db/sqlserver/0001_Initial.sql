-- Companies, projects, categories, users, threads and posts. Times are UTC in datetime2.

CREATE TABLE dbo.Companies (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Companies PRIMARY KEY,
    Slug      nvarchar(64)  NOT NULL CONSTRAINT UX_Companies_Slug UNIQUE,
    Kind      nvarchar(20)  NOT NULL CONSTRAINT CK_Companies_Kind CHECK (Kind IN (N'Headquarters', N'Local')),
    Name      nvarchar(100) NOT NULL,
    NameEn    nvarchar(100) NOT NULL,
    SortOrder int           NOT NULL CONSTRAINT DF_Companies_SortOrder DEFAULT 0
);
GO

CREATE TABLE dbo.Projects (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Projects PRIMARY KEY,
    CompanyId bigint        NOT NULL CONSTRAINT FK_Projects_Companies REFERENCES dbo.Companies (Id),
    Slug      nvarchar(64)  NOT NULL CONSTRAINT UX_Projects_Slug UNIQUE,
    Name      nvarchar(100) NOT NULL,
    NameEn    nvarchar(100) NOT NULL,
    City      nvarchar(50)  NOT NULL
);
CREATE INDEX IX_Projects_CompanyId ON dbo.Projects (CompanyId);
GO

CREATE TABLE dbo.Categories (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Categories PRIMARY KEY,
    Code      nvarchar(32)  NOT NULL CONSTRAINT UX_Categories_Code UNIQUE,
    Name      nvarchar(100) NOT NULL,
    NameEn    nvarchar(100) NOT NULL,
    SortOrder int           NOT NULL CONSTRAINT DF_Categories_SortOrder DEFAULT 0
);
GO

CREATE TABLE dbo.Users (
    Id          bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    DisplayName nvarchar(50) NOT NULL,
    CompanyId   bigint       NULL CONSTRAINT FK_Users_Companies REFERENCES dbo.Companies (Id),
    CreatedAt   datetime2    NOT NULL
);
GO

CREATE TABLE dbo.Threads (
    Id                   bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Threads PRIMARY KEY CLUSTERED,
    CompanyId            bigint         NOT NULL CONSTRAINT FK_Threads_Companies REFERENCES dbo.Companies (Id),
    ProjectId            bigint         NOT NULL CONSTRAINT FK_Threads_Projects REFERENCES dbo.Projects (Id),
    CategoryId           bigint         NOT NULL CONSTRAINT FK_Threads_Categories REFERENCES dbo.Categories (Id),
    AuthorId             bigint         NOT NULL CONSTRAINT FK_Threads_Users REFERENCES dbo.Users (Id),
    Title                nvarchar(200)  NOT NULL,
    Body                 nvarchar(max)  NOT NULL,
    Status               nvarchar(20)   NOT NULL,
    CreatedAt            datetime2      NOT NULL,
    UpdatedAt            datetime2      NOT NULL,
    FirstOfficialReplyAt datetime2      NULL,
    SolutionProposedAt   datetime2      NULL,
    ClosedAt             datetime2      NULL,
    ReopenedAt           datetime2      NULL,
    ResolutionSummary    nvarchar(2000) NULL,
    ReplyCount           int            NOT NULL CONSTRAINT DF_Threads_ReplyCount DEFAULT 0,
    CoSignCount          int            NOT NULL CONSTRAINT DF_Threads_CoSignCount DEFAULT 0,
    IsLocked             bit            NOT NULL CONSTRAINT DF_Threads_IsLocked DEFAULT 0,
    IsGroupComplaint     bit            NOT NULL CONSTRAINT DF_Threads_IsGroupComplaint DEFAULT 0,
    IsHidden             bit            NOT NULL CONSTRAINT DF_Threads_IsHidden DEFAULT 0
);
-- Newest-first lists with optional filters: each filter has an index ending in Id for keyset seeks.
CREATE INDEX IX_Threads_CompanyId_Id  ON dbo.Threads (CompanyId, Id);
CREATE INDEX IX_Threads_ProjectId_Id  ON dbo.Threads (ProjectId, Id);
CREATE INDEX IX_Threads_CategoryId_Id ON dbo.Threads (CategoryId, Id);
CREATE INDEX IX_Threads_Status_Id     ON dbo.Threads (Status, Id);
CREATE INDEX IX_Threads_AuthorId      ON dbo.Threads (AuthorId);
GO

CREATE TABLE dbo.Posts (
    Id           bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Posts PRIMARY KEY CLUSTERED,
    ThreadId     bigint         NOT NULL CONSTRAINT FK_Posts_Threads REFERENCES dbo.Threads (Id),
    Kind         nvarchar(20)   NOT NULL,
    AuthorId     bigint         NULL CONSTRAINT FK_Posts_Users REFERENCES dbo.Users (Id),
    CompanyId    bigint         NULL CONSTRAINT FK_Posts_Companies REFERENCES dbo.Companies (Id),
    Body         nvarchar(max)  NOT NULL,
    EventType    nvarchar(40)   NULL,
    CreatedAt    datetime2      NOT NULL,
    IsHidden     bit            NOT NULL CONSTRAINT DF_Posts_IsHidden DEFAULT 0,
    HiddenReason nvarchar(500)  NULL
);
CREATE INDEX IX_Posts_ThreadId_Id ON dbo.Posts (ThreadId, Id);
GO
