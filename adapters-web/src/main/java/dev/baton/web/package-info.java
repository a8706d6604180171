/**
 * The web chat channel (docs/web.md): one script tag on the business's site, the same bot and the same handoff as on
 * WeChat and WhatsApp. The {@link dev.baton.web.WebChannelModule} at the root wires the packages below, which form a
 * DAG: {@code config} (the {@code channels.web} block, depends on nothing of this module), {@code identity} (tokens and
 * the site's user hash), {@code guard} (origin allow-list, rate limits, client address), {@code live} (the sender and
 * the wake-ups of open streams), {@code api} (the adapter and its calls, on top of all of them).
 */
package dev.baton.web;
