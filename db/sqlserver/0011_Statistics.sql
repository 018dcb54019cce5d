-- The scoreboard and the briefing read complaints by posting time; this index covers every column they use, so a
-- 90-day range is one index seek and never touches the table.
CREATE INDEX IX_Threads_CreatedAt_Facts ON dbo.Threads (CreatedAt)
    INCLUDE (CompanyId, FirstOfficialReplyAt, SolutionProposedAt, Rating, IsHidden);
GO
