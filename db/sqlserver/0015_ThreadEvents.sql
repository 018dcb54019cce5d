-- The record (issue 11): every act on a complaint appends a thread event in the same transaction as the act. Events
-- are never updated or deleted; the trigger below refuses it, whatever code asks.
CREATE TABLE dbo.ThreadEvents (
    Id              bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ThreadEvents PRIMARY KEY CLUSTERED,
    ThreadId        bigint         NOT NULL CONSTRAINT FK_ThreadEvents_Threads REFERENCES dbo.Threads (Id),
    Kind            nvarchar(40)   NOT NULL,
    Cycle           int            NOT NULL CONSTRAINT DF_ThreadEvents_Cycle DEFAULT 0,
    At              datetime2      NOT NULL,
    ActorId         bigint         NULL CONSTRAINT FK_ThreadEvents_Users REFERENCES dbo.Users (Id),
    ActorRole       nvarchar(20)   NULL,
    PostId          bigint         NULL CONSTRAINT FK_ThreadEvents_Posts REFERENCES dbo.Posts (Id),
    PhotoId         bigint         NULL CONSTRAINT FK_ThreadEvents_Photos REFERENCES dbo.Photos (Id),
    RelatedThreadId bigint         NULL CONSTRAINT FK_ThreadEvents_RelatedThreads REFERENCES dbo.Threads (Id),
    Rung            nvarchar(30)   NULL,
    DueAt           datetime2      NULL,
    FromValue       nvarchar(200)  NULL,
    ToValue         nvarchar(200)  NULL,
    Text            nvarchar(max)  NULL,
    Rating          int            NULL
);
GO

CREATE INDEX IX_ThreadEvents_ThreadId_Id ON dbo.ThreadEvents (ThreadId, Id);
CREATE INDEX IX_ThreadEvents_RelatedThreadId ON dbo.ThreadEvents (RelatedThreadId) WHERE RelatedThreadId IS NOT NULL;
GO

CREATE TRIGGER dbo.TR_ThreadEvents_AppendOnly ON dbo.ThreadEvents
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 51000, N'ThreadEvents are append-only', 1;
END;
GO

-- One clock: what Forum.Core's EscalationPolicy decided, stored by every write so that no reader recomputes it.
-- ReplyDueAt / SolutionDueAt: the running deadline of each rung (null when stopped or paused); DeadlineAt: the
-- earlier of the two (a thread is overdue once it has passed); ReplyLate / SolutionLate: the outcome stored when the
-- clock last stopped. ScheduledAt: when these were last written (null: not yet, filled in at start-up).
ALTER TABLE dbo.Threads ADD
    ReplyDueAt    datetime2 NULL,
    SolutionDueAt datetime2 NULL,
    DeadlineAt    datetime2 NULL,
    ReplyLate     bit       NULL,
    SolutionLate  bit       NULL,
    ScheduledAt   datetime2 NULL;
GO

CREATE INDEX IX_Threads_DeadlineAt ON dbo.Threads (DeadlineAt) WHERE DeadlineAt IS NOT NULL;
CREATE INDEX IX_Threads_CreatedAt_Outcomes ON dbo.Threads (CreatedAt)
    INCLUDE (CompanyId, IsHidden, FirstOfficialReplyAt, ReplyDueAt, ReplyLate, SolutionDueAt, SolutionLate, Rating);
DROP INDEX IX_Threads_CreatedAt_Facts ON dbo.Threads;
GO

-- Backfill the record from what earlier versions stored.
INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole)
SELECT Id, N'Posted', 0, CreatedAt, AuthorId, N'Homeowner' FROM dbo.Threads;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, PostId)
SELECT o.ThreadId,
       CASE o.Kind WHEN N'HomeownerReply' THEN N'Replied' WHEN N'Solution' THEN N'SolutionProposed' ELSE N'OfficialReply' END,
       (SELECT COUNT(*) FROM dbo.Posts r WHERE r.ThreadId = o.ThreadId AND r.Kind = N'Event' AND r.EventType = N'Reopened' AND r.Id < o.Id),
       o.CreatedAt, o.AuthorId,
       CASE WHEN o.Kind = N'HomeownerReply' THEN N'Homeowner'
            WHEN (SELECT k.Kind FROM dbo.Companies k WHERE k.Id = o.CompanyId) = N'Headquarters' THEN N'HqStaff'
            ELSE N'LocalStaff' END,
       o.Id
FROM dbo.Posts o
WHERE o.Kind IN (N'HomeownerReply', N'OfficialReply', N'Solution');

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole)
SELECT o.ThreadId, o.EventType,
       (SELECT COUNT(*) FROM dbo.Posts r WHERE r.ThreadId = o.ThreadId AND r.Kind = N'Event' AND r.EventType = N'Reopened' AND r.Id <= o.Id),
       o.CreatedAt, o.AuthorId, NULL
FROM dbo.Posts o
WHERE o.Kind = N'Event' AND o.EventType IN (N'Reopened', N'AwaitingHomeowner');

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, Text)
SELECT a.ThreadId, N'Closed',
       (SELECT COUNT(*) FROM dbo.Posts r WHERE r.ThreadId = a.ThreadId AND r.Kind = N'Event' AND r.EventType = N'Reopened' AND r.CreatedAt < a.At),
       a.At, a.ActorId, a.ActorRole,
       CASE WHEN a.After LIKE N'Closed: %' THEN SUBSTRING(a.After, 9, 2000) ELSE a.After END
FROM dbo.AuditLog a
WHERE a.Action = N'Close' AND a.ThreadId IS NOT NULL;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, Text)
SELECT t.Id, N'Closed', t.ReopenCount, t.ClosedAt, NULL, t.ResolutionSummary
FROM dbo.Threads t
WHERE t.Status = N'Closed' AND t.ClosedAt IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dbo.AuditLog a WHERE a.ThreadId = t.Id AND a.Action = N'Close' AND a.At = t.ClosedAt);

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, Rating, Text)
SELECT Id, N'Rated', ReopenCount, ConfirmedAt, AuthorId, N'Homeowner', Rating, RatingComment
FROM dbo.Threads WHERE ConfirmedAt IS NOT NULL;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, Rung, DueAt)
SELECT ThreadId, N'Escalated', Cycle, EscalatedAt, N'System', Rung, DueAt FROM dbo.Escalations;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, RelatedThreadId)
SELECT Id, N'MergedInto', ReopenCount, UpdatedAt, NULL, MergedIntoId FROM dbo.Threads WHERE MergedIntoId IS NOT NULL;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, RelatedThreadId)
SELECT MergedIntoId, N'MergedFrom', 0, UpdatedAt, NULL, Id FROM dbo.Threads WHERE MergedIntoId IS NOT NULL;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, FromValue, ToValue)
SELECT a.ThreadId,
       CASE a.Action WHEN N'Move' THEN N'Moved' WHEN N'ChangeCategory' THEN N'CategoryChanged' WHEN N'Assign' THEN N'Assigned'
                     WHEN N'Lock' THEN N'Locked' ELSE N'Unlocked' END,
       0, a.At, a.ActorId, a.ActorRole,
       CASE a.Action WHEN N'Move' THEN (SELECT CAST(p.Id AS nvarchar(20)) FROM dbo.Projects p WHERE p.Slug = a.Before) WHEN N'ChangeCategory' THEN a.Before ELSE NULL END,
       CASE a.Action WHEN N'Move' THEN (SELECT CAST(p.Id AS nvarchar(20)) FROM dbo.Projects p WHERE p.Slug = a.After) WHEN N'ChangeCategory' THEN a.After
                     WHEN N'Assign' THEN a.After ELSE NULL END
FROM dbo.AuditLog a
WHERE a.Action IN (N'Move', N'ChangeCategory', N'Assign', N'Lock', N'Unlock') AND a.ThreadId IS NOT NULL;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, PostId, Text)
SELECT o.ThreadId, N'PostHidden', 0,
       COALESCE((SELECT MIN(a.At) FROM dbo.AuditLog a WHERE a.ThreadId = o.ThreadId AND a.Action = N'HidePost' AND a.Before = CONCAT(N'post ', o.Id, N': visible')), o.CreatedAt),
       COALESCE(o.HiddenByRole, N'Community'), o.Id, o.HiddenReason
FROM dbo.Posts o
WHERE o.IsHidden = 1;

INSERT INTO dbo.ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, PhotoId, Text)
SELECT ph.ThreadId, N'PhotoHidden', 0, ph.CreatedAt, ph.HiddenByRole, ph.Id, ph.HiddenReason
FROM dbo.Photos ph
WHERE ph.IsHidden = 1;
GO
