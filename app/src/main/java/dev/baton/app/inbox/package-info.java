/**
 * The built-in human inbox at {@code /inbox} and the REST API behind it: agent login (PBKDF2 passwords, HttpOnly
 * SameSite=Strict session cookie, CSRF token), queue and conversation views live by SSE, replies, resolve,
 * knowledge drafts, CRM lookup and analytics.
 */
package dev.baton.app.inbox;
