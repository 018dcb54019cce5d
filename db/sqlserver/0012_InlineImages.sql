-- The daily digest carries its chart inline: the picture travels with the outbox row.
ALTER TABLE dbo.OutboxMessages ADD InlineImage varbinary(max) NULL;
GO
