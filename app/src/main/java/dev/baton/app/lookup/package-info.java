/**
 * The look-ups' HTTP side: the OkHttp transport of {@code lookups:} calls, Baton's own address for look-ups that name
 * a path on it, and the example shop's demo order API served while the dev channel is on.
 */
package dev.baton.app.lookup;
