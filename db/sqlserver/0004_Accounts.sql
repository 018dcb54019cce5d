-- Homeowner accounts (ASP.NET Core Identity through Dapper stores), roles, private contact details of a complaint,
-- co-signs, and request ids that make a double submit create one thread or one reply.

ALTER TABLE dbo.Users ADD
    Email             nvarchar(256) NULL,
    NormalizedEmail   nvarchar(256) NULL,
    EmailConfirmed    bit           NOT NULL CONSTRAINT DF_Users_EmailConfirmed DEFAULT 0,
    PasswordHash      nvarchar(500) NULL,
    SecurityStamp     nvarchar(100) NULL,
    ConcurrencyStamp  nvarchar(100) NULL,
    LockoutEnd        datetime2     NULL,
    LockoutEnabled    bit           NOT NULL CONSTRAINT DF_Users_LockoutEnabled DEFAULT 1,
    AccessFailedCount int           NOT NULL CONSTRAINT DF_Users_AccessFailedCount DEFAULT 0,
    Language          nvarchar(10)  NOT NULL CONSTRAINT DF_Users_Language DEFAULT N'zh-CN',
    IsActive          bit           NOT NULL CONSTRAINT DF_Users_IsActive DEFAULT 1;
GO

CREATE UNIQUE INDEX UX_Users_NormalizedEmail ON dbo.Users (NormalizedEmail) WHERE NormalizedEmail IS NOT NULL;
GO

CREATE TABLE dbo.UserRoles (
    UserId bigint       NOT NULL CONSTRAINT FK_UserRoles_Users REFERENCES dbo.Users (Id),
    Role   nvarchar(20) NOT NULL CONSTRAINT CK_UserRoles_Role CHECK (Role IN (N'Homeowner', N'LocalStaff', N'HqStaff', N'Executive', N'Admin')),
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, Role)
);
GO

-- Private contact: never in public HTML; only the thread's company staff and HQ may see it.
CREATE TABLE dbo.ThreadContacts (
    ThreadId bigint        NOT NULL CONSTRAINT PK_ThreadContacts PRIMARY KEY CONSTRAINT FK_ThreadContacts_Threads REFERENCES dbo.Threads (Id),
    RealName nvarchar(50)  NOT NULL,
    Phone    nvarchar(30)  NOT NULL,
    Unit     nvarchar(50)  NOT NULL
);
GO

CREATE TABLE dbo.CoSigns (
    ThreadId  bigint    NOT NULL CONSTRAINT FK_CoSigns_Threads REFERENCES dbo.Threads (Id),
    UserId    bigint    NOT NULL CONSTRAINT FK_CoSigns_Users REFERENCES dbo.Users (Id),
    CreatedAt datetime2 NOT NULL,
    CONSTRAINT PK_CoSigns PRIMARY KEY (ThreadId, UserId)
);
GO

ALTER TABLE dbo.Threads ADD RequestId nvarchar(64) NULL;
ALTER TABLE dbo.Posts ADD RequestId nvarchar(64) NULL;
GO

CREATE UNIQUE INDEX UX_Threads_RequestId ON dbo.Threads (RequestId) WHERE RequestId IS NOT NULL;
CREATE UNIQUE INDEX UX_Posts_RequestId ON dbo.Posts (RequestId) WHERE RequestId IS NOT NULL;
GO
