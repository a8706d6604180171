/**
 * The text functions that triage (plugin-core) and the knowledge search share, each in one place: language detection,
 * the forms a message is matched and embedded in, and the phrase matcher with negation. Plain Java, stateless or
 * immutable, so both modules may call them from any thread.
 */
package dev.baton.text;
