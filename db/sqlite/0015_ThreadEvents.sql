-- The record (issue 11): every act on a complaint appends a thread event in the same transaction as the act. Events
-- are never updated or deleted; the triggers below refuse it, whatever code asks.
CREATE TABLE ThreadEvents (
    Id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId        INTEGER NOT NULL REFERENCES Threads (Id),
    Kind            TEXT    NOT NULL,
    Cycle           INTEGER NOT NULL DEFAULT 0,
    At              TEXT    NOT NULL,
    ActorId         INTEGER NULL REFERENCES Users (Id),
    ActorRole       TEXT    NULL,
    PostId          INTEGER NULL REFERENCES Posts (Id),
    PhotoId         INTEGER NULL REFERENCES Photos (Id),
    RelatedThreadId INTEGER NULL REFERENCES Threads (Id),
    Rung            TEXT    NULL,
    DueAt           TEXT    NULL,
    FromValue       TEXT    NULL,
    ToValue         TEXT    NULL,
    Text            TEXT    NULL,
    Rating          INTEGER NULL
);
CREATE INDEX IX_ThreadEvents_ThreadId_Id ON ThreadEvents (ThreadId, Id);
CREATE INDEX IX_ThreadEvents_RelatedThreadId ON ThreadEvents (RelatedThreadId) WHERE RelatedThreadId IS NOT NULL;

CREATE TRIGGER TR_ThreadEvents_NoUpdate BEFORE UPDATE ON ThreadEvents
BEGIN
    SELECT RAISE(ABORT, 'ThreadEvents are append-only');
END;

CREATE TRIGGER TR_ThreadEvents_NoDelete BEFORE DELETE ON ThreadEvents
BEGIN
    SELECT RAISE(ABORT, 'ThreadEvents are append-only');
END;

-- One clock: what Forum.Core's EscalationPolicy decided, stored by every write so that no reader recomputes it.
-- ReplyDueAt / SolutionDueAt: the running deadline of each rung (null when stopped or paused); DeadlineAt: the
-- earlier of the two (a thread is overdue once it has passed); ReplyLate / SolutionLate: the outcome stored when the
-- clock last stopped. ScheduledAt: when these were last written (null: not yet, filled in at start-up).
ALTER TABLE Threads ADD COLUMN ReplyDueAt TEXT NULL;
ALTER TABLE Threads ADD COLUMN SolutionDueAt TEXT NULL;
ALTER TABLE Threads ADD COLUMN DeadlineAt TEXT NULL;
ALTER TABLE Threads ADD COLUMN ReplyLate INTEGER NULL;
ALTER TABLE Threads ADD COLUMN SolutionLate INTEGER NULL;
ALTER TABLE Threads ADD COLUMN ScheduledAt TEXT NULL;
CREATE INDEX IX_Threads_DeadlineAt ON Threads (DeadlineAt) WHERE DeadlineAt IS NOT NULL;
CREATE INDEX IX_Threads_CreatedAt_Outcomes ON Threads (CreatedAt, CompanyId, IsHidden, FirstOfficialReplyAt, ReplyDueAt, ReplyLate, SolutionDueAt, SolutionLate, Rating);
DROP INDEX IX_Threads_CreatedAt_Facts;

-- Backfill the record from what earlier versions stored.
INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole)
SELECT Id, 'Posted', 0, CreatedAt, AuthorId, 'Homeowner' FROM Threads;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, PostId)
SELECT o.ThreadId,
       CASE o.Kind WHEN 'HomeownerReply' THEN 'Replied' WHEN 'Solution' THEN 'SolutionProposed' ELSE 'OfficialReply' END,
       (SELECT COUNT(*) FROM Posts r WHERE r.ThreadId = o.ThreadId AND r.Kind = 'Event' AND r.EventType = 'Reopened' AND r.Id < o.Id),
       o.CreatedAt, o.AuthorId,
       CASE WHEN o.Kind = 'HomeownerReply' THEN 'Homeowner'
            WHEN (SELECT k.Kind FROM Companies k WHERE k.Id = o.CompanyId) = 'Headquarters' THEN 'HqStaff'
            ELSE 'LocalStaff' END,
       o.Id
FROM Posts o
WHERE o.Kind IN ('HomeownerReply', 'OfficialReply', 'Solution');

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole)
SELECT o.ThreadId, o.EventType,
       (SELECT COUNT(*) FROM Posts r WHERE r.ThreadId = o.ThreadId AND r.Kind = 'Event' AND r.EventType = 'Reopened' AND r.Id <= o.Id),
       o.CreatedAt, o.AuthorId, NULL
FROM Posts o
WHERE o.Kind = 'Event' AND o.EventType IN ('Reopened', 'AwaitingHomeowner');

-- Earlier closings survive in the audit log ("Closed: summary"); the current one is on the thread.
INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, Text)
SELECT a.ThreadId, 'Closed',
       (SELECT COUNT(*) FROM Posts r WHERE r.ThreadId = a.ThreadId AND r.Kind = 'Event' AND r.EventType = 'Reopened' AND r.CreatedAt < a.At),
       a.At, a.ActorId, a.ActorRole,
       CASE WHEN a.After LIKE 'Closed: %' THEN SUBSTR(a.After, 9) ELSE a.After END
FROM AuditLog a
WHERE a.Action = 'Close' AND a.ThreadId IS NOT NULL;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, Text)
SELECT t.Id, 'Closed', t.ReopenCount, t.ClosedAt, NULL, t.ResolutionSummary
FROM Threads t
WHERE t.Status = 'Closed' AND t.ClosedAt IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM AuditLog a WHERE a.ThreadId = t.Id AND a.Action = 'Close' AND a.At = t.ClosedAt);

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, Rating, Text)
SELECT Id, 'Rated', ReopenCount, ConfirmedAt, AuthorId, 'Homeowner', Rating, RatingComment
FROM Threads WHERE ConfirmedAt IS NOT NULL;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, Rung, DueAt)
SELECT ThreadId, 'Escalated', Cycle, EscalatedAt, 'System', Rung, DueAt FROM Escalations;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, RelatedThreadId)
SELECT Id, 'MergedInto', ReopenCount, UpdatedAt, NULL, MergedIntoId FROM Threads WHERE MergedIntoId IS NOT NULL;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, RelatedThreadId)
SELECT MergedIntoId, 'MergedFrom', 0, UpdatedAt, NULL, Id FROM Threads WHERE MergedIntoId IS NOT NULL;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, FromValue, ToValue)
SELECT a.ThreadId,
       CASE a.Action WHEN 'Move' THEN 'Moved' WHEN 'ChangeCategory' THEN 'CategoryChanged' WHEN 'Assign' THEN 'Assigned'
                     WHEN 'Lock' THEN 'Locked' ELSE 'Unlocked' END,
       0, a.At, a.ActorId, a.ActorRole,
       CASE a.Action WHEN 'Move' THEN (SELECT CAST(p.Id AS TEXT) FROM Projects p WHERE p.Slug = a.Before) WHEN 'ChangeCategory' THEN a.Before ELSE NULL END,
       CASE a.Action WHEN 'Move' THEN (SELECT CAST(p.Id AS TEXT) FROM Projects p WHERE p.Slug = a.After) WHEN 'ChangeCategory' THEN a.After
                     WHEN 'Assign' THEN a.After ELSE NULL END
FROM AuditLog a
WHERE a.Action IN ('Move', 'ChangeCategory', 'Assign', 'Lock', 'Unlock') AND a.ThreadId IS NOT NULL;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, PostId, Text)
SELECT o.ThreadId, 'PostHidden', 0,
       COALESCE((SELECT MIN(a.At) FROM AuditLog a WHERE a.ThreadId = o.ThreadId AND a.Action = 'HidePost' AND a.Before = 'post ' || o.Id || ': visible'), o.CreatedAt),
       COALESCE(o.HiddenByRole, 'Community'), o.Id, o.HiddenReason
FROM Posts o
WHERE o.IsHidden = 1;

INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorRole, PhotoId, Text)
SELECT ph.ThreadId, 'PhotoHidden', 0, ph.CreatedAt, ph.HiddenByRole, ph.Id, ph.HiddenReason
FROM Photos ph
WHERE ph.IsHidden = 1;
