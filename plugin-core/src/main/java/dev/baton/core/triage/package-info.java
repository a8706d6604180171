/**
 * Triage: fast, offline signals computed on every customer message before any LLM call (explicit request for a
 * human, sentiment, intent, repetition), plus the evals that measure them.
 */
package dev.baton.core.triage;
