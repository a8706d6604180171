/** Abuse limits: the origin allow-list (CORS), token-bucket rate limits, and the client address they count by. */
package dev.baton.web.guard;
