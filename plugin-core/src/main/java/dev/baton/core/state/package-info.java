/**
 * Small durable state that belongs to no domain record, such as a platform's sync cursor: a key-value seam that
 * adapters use without depending on the store's tables.
 */
package dev.baton.core.state;
