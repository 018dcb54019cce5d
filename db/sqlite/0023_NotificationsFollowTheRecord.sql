-- Homeowner mail follows the record (thread events) instead of the posts: every act homeowners hear of (official
-- reply, solution, waiting, closing, merge, move). Acts of one complaint within a few minutes go out as one mail, so
-- a complaint may be mailed past the cursor while another still holds it back: its mark says how far it was mailed.
CREATE TABLE NotificationThreadMarks (
    ThreadId    INTEGER NOT NULL PRIMARY KEY REFERENCES Threads (Id),
    LastEventId INTEGER NOT NULL,
    UpdatedAt   TEXT    NOT NULL
);

-- An upgrade carries the post-based cursor over: the events cursor starts just before the first official reply or
-- solution that the earlier notifier had not mailed yet (or after every event, if it had mailed them all), so no
-- old post is mailed again and none still waiting is lost.
INSERT INTO NotificationCursors (Name, Position, UpdatedAt)
SELECT 'events',
       COALESCE((SELECT MIN(e.Id) - 1 FROM ThreadEvents e
                 WHERE e.Kind IN ('OfficialReply', 'SolutionProposed') AND e.PostId > c.Position),
                (SELECT COALESCE(MAX(e.Id), 0) FROM ThreadEvents e)),
       c.UpdatedAt
FROM NotificationCursors c
WHERE c.Name = 'replies'
  AND NOT EXISTS (SELECT 1 FROM NotificationCursors x WHERE x.Name = 'events');

-- Solutions now have their own switch; whoever had switched official replies off had solutions off too.
INSERT INTO NotificationSettings (UserId, Kind, Enabled)
SELECT s.UserId, 'Solution', s.Enabled
FROM NotificationSettings s
WHERE s.Kind = 'OfficialReply'
  AND NOT EXISTS (SELECT 1 FROM NotificationSettings x WHERE x.UserId = s.UserId AND x.Kind = 'Solution');
