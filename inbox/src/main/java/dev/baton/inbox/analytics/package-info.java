/** Handoff analytics over a period (handoff rate by reason, bot-resolved rate, waits), computed from the tickets. */
package dev.baton.inbox.analytics;
