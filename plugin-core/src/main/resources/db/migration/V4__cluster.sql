-- Several Baton instances on one database (docs/scaling.md). Portable SQL: runs unchanged on H2 2.x and
-- PostgreSQL 12+. A single instance (H2, or PostgreSQL with cluster.enabled: false) never writes these columns and
-- tables, except desk_agents, which serialises an agent's claims on every database.

-- Leases: which instance works on a conversation's lane, runs a cluster-wide job or refreshes a shared token, and
-- until when. A lease is taken with one conditional statement (free, expired, or already ours), renewed by its
-- holder's heartbeat and deleted when the work is done; a dead instance's leases expire and are taken over.
CREATE TABLE cluster_leases (
    name        VARCHAR(400) PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_cluster_leases_holder ON cluster_leases (holder);

-- An outbox row being sent: by which instance, and until when that claim holds (a dead instance's row is sent
-- again after it).
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(128);
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;

-- A passive caller (WeChat passive mode) on some instance delivers this message's replies itself until then.
ALTER TABLE inbound_log ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
-- One conversation's unprocessed messages, oldest first: a lane's work, whichever instance stored them.
CREATE INDEX ix_inbound_lane ON inbound_log (channel, customer_id, id);

-- One row per agent who claimed a ticket: locked while a claim counts the agent's load, so that two claims by the
-- same agent (two tabs, two instances) cannot both pass the capacity check.
CREATE TABLE desk_agents (
    name VARCHAR(128) PRIMARY KEY
);
