/**
 * Speaking Meta's Graph API: the one Jackson configuration for its JSON, the messages endpoint client, its error
 * shape, the request bodies, and the channel's metrics.
 */
package dev.baton.whatsapp.graph;
