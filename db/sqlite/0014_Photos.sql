-- Photos on complaints and replies. The files are stored by the SHA-256 of their re-encoded bytes (Hash), so the same
-- photo attached twice is one file; each attachment is its own row, hidden on its own.
CREATE TABLE Photos (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId     INTEGER NOT NULL REFERENCES Threads (Id),
    PostId       INTEGER NULL REFERENCES Posts (Id),
    UploaderId   INTEGER NOT NULL REFERENCES Users (Id),
    Hash         TEXT    NOT NULL,
    Width        INTEGER NOT NULL,
    Height       INTEGER NOT NULL,
    ThumbWidth   INTEGER NOT NULL,
    ThumbHeight  INTEGER NOT NULL,
    Bytes        INTEGER NOT NULL,
    CreatedAt    TEXT    NOT NULL,
    IsHidden     INTEGER NOT NULL DEFAULT 0,
    HiddenReason TEXT    NULL,
    HiddenByRole TEXT    NULL
);
CREATE INDEX IX_Photos_ThreadId_Id ON Photos (ThreadId, Id);
CREATE INDEX IX_Photos_Hash ON Photos (Hash);
