/**
 * The dev channel: {@code POST /api/dev/messages}, its poll and the {@code /dev/chat} page, for trying Baton without a
 * platform account ({@code baton chat} and {@code baton eval} use it). The smallest complete channel, and the worked
 * example of docs/channels.md: its config, adapter and sender in one package of its own module.
 */
package dev.baton.dev;
