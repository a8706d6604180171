/** Watches the knowledge folder and triggers a debounced re-sync when files change. */
package dev.baton.knowledge.watch;
