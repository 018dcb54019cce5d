-- The "Followed" tab of My complaints lists a person's followed complaints, latest first: an index by follower.
CREATE INDEX IX_ThreadFollowers_UserId ON dbo.ThreadFollowers (UserId, CreatedAt);
GO
