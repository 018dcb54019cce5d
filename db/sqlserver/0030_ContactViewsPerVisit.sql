-- A view of private contact details is logged once per visit (the same staff member on the same thread within
-- Forum.Core.Moderation.ContactViewLog.Visit), so the check before logging is one index seek and readers of the
-- staff thread page no longer take a write lock on every render.
CREATE INDEX IX_ContactViews_ThreadId_ViewerId_At ON dbo.ContactViews (ThreadId, ViewerId, At);
GO
