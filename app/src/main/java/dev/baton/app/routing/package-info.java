/** Routing and queue: groups with skills, business hours per group, off-hours and queue-timeout messages. */
package dev.baton.app.routing;
