/**
 * Inbound WhatsApp: the verification handshake, the {@code X-Hub-Signature-256} check on the raw bytes, the
 * tolerant model of a delivery, and its mapping onto Baton's inbound messages and delivery statuses.
 */
package dev.baton.whatsapp.webhook;
