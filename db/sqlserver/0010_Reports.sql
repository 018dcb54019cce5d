-- Community reports: any signed-in person can report a post; enough reports hide it until staff review.
CREATE TABLE dbo.Reports (
    Id           bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Reports PRIMARY KEY,
    PostId       bigint        NOT NULL CONSTRAINT FK_Reports_Posts REFERENCES dbo.Posts (Id),
    ReporterId   bigint        NOT NULL CONSTRAINT FK_Reports_Users REFERENCES dbo.Users (Id),
    Reason       nvarchar(20)  NOT NULL CONSTRAINT CK_Reports_Reason CHECK (Reason IN (N'PersonalData', N'Abuse', N'Spam', N'OffTopic', N'Other')),
    Note         nvarchar(1000) NULL,
    Status       nvarchar(10)  NOT NULL CONSTRAINT DF_Reports_Status DEFAULT N'Open',
    CreatedAt    datetime2     NOT NULL,
    ReviewedById bigint        NULL CONSTRAINT FK_Reports_Reviewer REFERENCES dbo.Users (Id),
    ReviewedAt   datetime2     NULL,
    CONSTRAINT UX_Reports_PostId_ReporterId UNIQUE (PostId, ReporterId)
);
CREATE INDEX IX_Reports_Status ON dbo.Reports (Status, PostId);
GO
