-- A reply whose send was cut short (its sender died between the platform's request and the SENT mark: a claim that
-- expired, or a row left SENDING at a single instance's start) on a channel whose platform confirms deliveries
-- (WhatsApp's statuses echo the outbox reference): since when it is in doubt. Such a row waits until
-- next_attempt_at for the platform's status, which marks it SENT; only without one is it sent again. A later reply
-- to the same customer does not overtake it meanwhile. Cleared when the row is claimed again. Portable SQL (H2 2.x
-- and PostgreSQL 12+).
ALTER TABLE outbox ADD COLUMN in_doubt_at TIMESTAMP WITH TIME ZONE;
-- The outbox's look for due rows asks, for each, whether an earlier reply to its customer is in doubt: few rows ever
-- are, so that question starts from them rather than from the customer's whole history.
CREATE INDEX ix_outbox_in_doubt ON outbox (in_doubt_at);
