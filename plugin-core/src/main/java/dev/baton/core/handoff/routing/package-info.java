/**
 * Where a handoff goes and what the customer hears while waiting: groups with skills and business hours, the
 * off-hours notice, queue-position updates and the queue-timeout fallback. {@link dev.baton.core.handoff.routing.Routing}
 * runs inside the handoff's transaction; the queue checks run on a schedule the composition root owns.
 */
package dev.baton.core.handoff.routing;
