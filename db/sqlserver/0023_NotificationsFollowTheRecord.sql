-- Homeowner mail follows the record (thread events) instead of the posts: every act homeowners hear of (official
-- reply, solution, waiting, closing, merge, move). Acts of one complaint within a few minutes go out as one mail, so
-- a complaint may be mailed past the cursor while another still holds it back: its mark says how far it was mailed.
CREATE TABLE dbo.NotificationThreadMarks (
    ThreadId    bigint    NOT NULL CONSTRAINT PK_NotificationThreadMarks PRIMARY KEY
                          CONSTRAINT FK_NotificationThreadMarks_Threads REFERENCES dbo.Threads (Id),
    LastEventId bigint    NOT NULL,
    UpdatedAt   datetime2 NOT NULL
);
GO

-- An upgrade carries the post-based cursor over: the events cursor starts just before the first official reply or
-- solution that the earlier notifier had not mailed yet (or after every event, if it had mailed them all), so no
-- old post is mailed again and none still waiting is lost.
INSERT INTO dbo.NotificationCursors (Name, Position, UpdatedAt)
SELECT N'events',
       COALESCE((SELECT MIN(e.Id) - 1 FROM dbo.ThreadEvents e
                 WHERE e.Kind IN (N'OfficialReply', N'SolutionProposed') AND e.PostId > c.Position),
                (SELECT COALESCE(MAX(e.Id), 0) FROM dbo.ThreadEvents e)),
       c.UpdatedAt
FROM dbo.NotificationCursors c
WHERE c.Name = N'replies'
  AND NOT EXISTS (SELECT 1 FROM dbo.NotificationCursors x WHERE x.Name = N'events');

-- Solutions now have their own switch; whoever had switched official replies off had solutions off too.
INSERT INTO dbo.NotificationSettings (UserId, Kind, Enabled)
SELECT s.UserId, N'Solution', s.Enabled
FROM dbo.NotificationSettings s
WHERE s.Kind = N'OfficialReply'
  AND NOT EXISTS (SELECT 1 FROM dbo.NotificationSettings x WHERE x.UserId = s.UserId AND x.Kind = N'Solution');
GO
