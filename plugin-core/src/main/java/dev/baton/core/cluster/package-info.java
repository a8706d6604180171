/**
 * Several Baton instances on one PostgreSQL database: leases on conversation lanes and cluster-wide jobs, the
 * heartbeat that keeps them, draining, and "something changed" events relayed between instances with LISTEN/NOTIFY.
 * See docs/scaling.md.
 */
package dev.baton.core.cluster;
