/**
 * Outbound WhatsApp: the {@link dev.baton.core.channel.Sender} (text, reply buttons with the "talk to a human"
 * button, templates outside the 24-hour window), the mapping of Graph errors onto retry / give up, and read receipts.
 */
package dev.baton.whatsapp.send;
