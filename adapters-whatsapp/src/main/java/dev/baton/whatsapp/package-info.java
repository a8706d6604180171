/**
 * The WhatsApp Cloud API channel, wired: the module that builds the webhook adapter and the sender from
 * {@link dev.baton.whatsapp.config.WhatsAppConfig} ({@link dev.baton.whatsapp.WhatsAppModule}). It depends on every
 * sub-package; none depends on it.
 */
package dev.baton.whatsapp;
