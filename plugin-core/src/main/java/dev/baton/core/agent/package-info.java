/** The agent that answers: the offline knowledge agent, and (when configured) the LLM agent built on LangChain4j. */
package dev.baton.core.agent;
