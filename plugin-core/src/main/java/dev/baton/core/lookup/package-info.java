/**
 * Business look-ups ({@code lookups:} in the YAML): the business's own read-only API asked for a customer's order,
 * parcel or account, declared without code. The engine side lives here: the config ({@link
 * dev.baton.core.lookup.LookupConfig}), templates and the JSON-path subset, the call with its safety rules (read-only,
 * the channel's verified identity, timeouts, a circuit breaker, masked logs, metrics), and the offline turn logic
 * that recognises a look-up, asks for a missing parameter once and answers from the template. The HTTP transport is a
 * small SPI ({@link dev.baton.core.lookup.LookupTransport}) that the composition root implements.
 */
package dev.baton.core.lookup;
