/**
 * The {@code channels.whatsapp} block of {@code baton.yaml}, typed and validated. The lowest package of the module:
 * the webhook, send and graph packages read it, it reads none of them.
 */
package dev.baton.whatsapp.config;
