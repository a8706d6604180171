/** The channel SPI: how a platform's webhook becomes inbound messages and how replies leave through it. */
package dev.baton.core.channel;
