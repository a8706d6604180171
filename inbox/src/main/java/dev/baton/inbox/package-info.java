/**
 * The built-in human desk as one module: {@link dev.baton.inbox.InboxModule} assembles the /inbox pages, the REST API
 * behind them, sessions and tokens, the webhook inbox and the scheduled queue jobs from {@code inbox:} in
 * {@code baton.yaml}; the application's composition root wires it to the engine. The tables it keeps are created by
 * its own migration ({@code db/migration/V2__inbox.sql}).
 */
package dev.baton.inbox;
