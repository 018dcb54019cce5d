-- Metrics count the open complaints past a deadline on every scrape: this index holds only the open threads, so the
-- count costs the open backlog, not the whole history.
CREATE INDEX IX_Threads_Open ON dbo.Threads (Id) INCLUDE (Status, IsHidden, FirstOfficialReplyAt, SolutionProposedAt, ReopenedAt, CreatedAt, ReopenCount) WHERE Status <> 'Closed';
