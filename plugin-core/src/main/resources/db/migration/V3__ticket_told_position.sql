-- The queue position the customer was told when the ticket was opened: written with the ticket, in the handoff's
-- transaction (it was a separate note written after the commit). Queue-position updates start from it.
-- Since this version the ticket's columns are its one source of truth; the JSON column keeps only the snapshot
-- taken at the handoff (customer profile, explanation, intent, sentiment, the bot's attempts, the transcript).
ALTER TABLE handoff_tickets ADD COLUMN told_position INT;
