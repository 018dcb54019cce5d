-- Photos on complaints and replies. The files are stored by the SHA-256 of their re-encoded bytes (Hash), so the same
-- photo attached twice is one file; each attachment is its own row, hidden on its own.

CREATE TABLE dbo.Photos (
    Id           bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Photos PRIMARY KEY CLUSTERED,
    ThreadId     bigint       NOT NULL CONSTRAINT FK_Photos_Threads REFERENCES dbo.Threads (Id),
    PostId       bigint       NULL CONSTRAINT FK_Photos_Posts REFERENCES dbo.Posts (Id),
    UploaderId   bigint       NOT NULL CONSTRAINT FK_Photos_Users REFERENCES dbo.Users (Id),
    Hash         char(64)     NOT NULL,
    Width        int          NOT NULL,
    Height       int          NOT NULL,
    ThumbWidth   int          NOT NULL,
    ThumbHeight  int          NOT NULL,
    Bytes        bigint       NOT NULL,
    CreatedAt    datetime2    NOT NULL,
    IsHidden     bit          NOT NULL CONSTRAINT DF_Photos_IsHidden DEFAULT 0,
    HiddenReason nvarchar(500) NULL,
    HiddenByRole nvarchar(20) NULL
);
GO

CREATE INDEX IX_Photos_ThreadId_Id ON dbo.Photos (ThreadId, Id);
GO

CREATE INDEX IX_Photos_Hash ON dbo.Photos (Hash);
GO
