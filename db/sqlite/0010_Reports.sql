-- Community reports: any signed-in person can report a post; enough reports hide it until staff review.
CREATE TABLE Reports (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    PostId       INTEGER NOT NULL REFERENCES Posts (Id),
    ReporterId   INTEGER NOT NULL REFERENCES Users (Id),
    Reason       TEXT    NOT NULL CHECK (Reason IN ('PersonalData', 'Abuse', 'Spam', 'OffTopic', 'Other')),
    Note         TEXT    NULL,
    Status       TEXT    NOT NULL DEFAULT 'Open',
    CreatedAt    TEXT    NOT NULL,
    ReviewedById INTEGER NULL REFERENCES Users (Id),
    ReviewedAt   TEXT    NULL,
    CONSTRAINT UX_Reports_PostId_ReporterId UNIQUE (PostId, ReporterId)
);
CREATE INDEX IX_Reports_Status ON Reports (Status, PostId);
