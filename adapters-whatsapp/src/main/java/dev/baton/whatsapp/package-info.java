/**
 * The WhatsApp Cloud API channel: its config ({@link dev.baton.whatsapp.WhatsAppConfig}) and the module that wires
 * the webhook adapter and the sender ({@link dev.baton.whatsapp.WhatsAppModule}).
 */
package dev.baton.whatsapp;
