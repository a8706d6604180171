/** {@code inbox.kind: webhook}: tickets and messages posted to a helpdesk, signed, durable and retried. */
package dev.baton.inbox.webhook;
