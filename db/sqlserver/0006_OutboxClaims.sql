-- Outbox claims carry a token: a delivery run only marks (or sends) the rows it still holds, so a run whose claim
-- expired cannot send or record a message another run has taken over.
ALTER TABLE dbo.OutboxMessages ADD ClaimToken nvarchar(40) NULL;
GO

-- Text limits count characters as people see them; emoji and rare characters take more UTF-16 units than that,
-- so the columns that hold short user text are wide enough for the worst case the rules allow.
ALTER TABLE dbo.Users ALTER COLUMN DisplayName nvarchar(200) NOT NULL;
ALTER TABLE dbo.ThreadContacts ALTER COLUMN RealName nvarchar(200) NOT NULL;
ALTER TABLE dbo.ThreadContacts ALTER COLUMN Unit nvarchar(200) NOT NULL;
ALTER TABLE dbo.Threads ALTER COLUMN Title nvarchar(400) NOT NULL;
ALTER TABLE dbo.Threads ALTER COLUMN ResolutionSummary nvarchar(max) NULL;
GO
