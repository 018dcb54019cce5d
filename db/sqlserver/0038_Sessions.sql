-- Sign-in sessions kept on the server: the cookie carries only a session key, and the ticket it stands for lives
-- here. Deleting a row signs that browser out for good (a cookie saved before sign-out opens nothing); a session
-- whose SecurityStamp no longer matches its user's (password changed, deactivated, "sign out everywhere") is dead.

CREATE TABLE dbo.Sessions (
    Id            varchar(64)    NOT NULL CONSTRAINT PK_Sessions PRIMARY KEY CLUSTERED,
    UserId        bigint         NOT NULL CONSTRAINT FK_Sessions_Users REFERENCES dbo.Users (Id),
    SecurityStamp nvarchar(100)  NOT NULL,
    Ticket        varbinary(max) NOT NULL,
    CreatedAt     datetime2      NOT NULL,
    ExpiresAt     datetime2      NULL
);
GO

CREATE INDEX IX_Sessions_UserId ON dbo.Sessions (UserId);
GO
