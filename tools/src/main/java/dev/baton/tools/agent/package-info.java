/**
 * The agent bench: LLM calls and prompt tokens per customer turn over scripted conversations, against a stub model on
 * WireMock. A program, not a test; not shipped.
 */
package dev.baton.tools.agent;
