/**
 * Triage tools: the latency bench, the triage and sentiment evals over case files, and the trainer of the English
 * sentiment classifier whose weights plugin-core ships. Programs, not tests; not shipped.
 */
package dev.baton.tools.triage;
