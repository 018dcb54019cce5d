-- Who hears about a complaint besides its author: followers (a "Follow" button) and co-signers; who asked to hear no
-- more about one complaint (one-click unsubscribe, RFC 8058); and each account's switches per kind of mail.
CREATE TABLE dbo.ThreadFollowers (
    ThreadId  bigint    NOT NULL CONSTRAINT FK_ThreadFollowers_Threads REFERENCES dbo.Threads (Id),
    UserId    bigint    NOT NULL CONSTRAINT FK_ThreadFollowers_Users REFERENCES dbo.Users (Id),
    CreatedAt datetime2 NOT NULL,
    CONSTRAINT PK_ThreadFollowers PRIMARY KEY (ThreadId, UserId)
);

CREATE TABLE dbo.NotificationOptOuts (
    UserId    bigint    NOT NULL CONSTRAINT FK_NotificationOptOuts_Users REFERENCES dbo.Users (Id),
    ThreadId  bigint    NOT NULL CONSTRAINT FK_NotificationOptOuts_Threads REFERENCES dbo.Threads (Id),
    CreatedAt datetime2 NOT NULL,
    CONSTRAINT PK_NotificationOptOuts PRIMARY KEY (UserId, ThreadId)
);

CREATE TABLE dbo.NotificationSettings (
    UserId  bigint       NOT NULL CONSTRAINT FK_NotificationSettings_Users REFERENCES dbo.Users (Id),
    Kind    nvarchar(40) NOT NULL,
    Enabled bit          NOT NULL,
    CONSTRAINT PK_NotificationSettings PRIMARY KEY (UserId, Kind)
);

-- The one-click unsubscribe address a message carries in its List-Unsubscribe header.
ALTER TABLE dbo.OutboxMessages ADD ListUnsubscribe nvarchar(1000) NULL;
GO
