/**
 * The widget's HTTP API and {@code widget.js}: {@link dev.baton.web.api.WebAdapter} checks each call (origin,
 * limits, token) and dispatches to the session, message and stream calls.
 */
package dev.baton.web.api;
