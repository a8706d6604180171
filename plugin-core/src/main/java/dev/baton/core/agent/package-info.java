/**
 * The agent that answers: the offline knowledge agent, and (when {@code llm:} is configured) {@link
 * dev.baton.core.agent.LlmAgent}, a LangChain4j AI Service with JDBC chat memory, validated tools, an output guard
 * and a deadline-bounded fallback; plus the LLM handoff summarizer.
 */
package dev.baton.core.agent;
