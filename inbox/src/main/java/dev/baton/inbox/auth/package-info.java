/**
 * Who works in the inbox and how they prove it: the agents of {@code inbox.agents} and their PBKDF2 password hashes,
 * login sessions and per-agent API tokens (stored only as SHA-256), the login throttle, roles and the caller.
 */
package dev.baton.inbox.auth;
