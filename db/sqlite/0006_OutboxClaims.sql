-- Outbox claims carry a token: a delivery run only marks (or sends) the rows it still holds, so a run whose claim
-- expired cannot send or record a message another run has taken over.
ALTER TABLE OutboxMessages ADD COLUMN ClaimToken TEXT NULL;
