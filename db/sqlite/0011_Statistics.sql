-- The scoreboard and the briefing read complaints by posting time; this index covers every column they use, so a
-- 90-day range is one index scan and never touches the table.
CREATE INDEX IX_Threads_CreatedAt_Facts ON Threads (CreatedAt, CompanyId, FirstOfficialReplyAt, SolutionProposedAt, Rating, IsHidden);
