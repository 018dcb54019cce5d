-- The daily digest carries its chart inline: the picture travels with the outbox row.
ALTER TABLE OutboxMessages ADD COLUMN InlineImage BLOB NULL;
