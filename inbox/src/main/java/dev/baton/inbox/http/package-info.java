/**
 * The HTTP side of the inbox: the /inbox pages (static HTML/CSS/JS from the jar), the REST API of
 * {@code docs/openapi.yaml}, and who is calling (session cookie with CSRF token, agent token, integration token).
 */
package dev.baton.inbox.http;
