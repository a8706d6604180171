package dev.baton.core.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.memory.ChatMemoryAccess;

/**
 * The LangChain4j AI Service that answers a customer turn. Built by {@link LlmAgent} with the system prompt
 * ({@link SystemPrompt}), the JDBC chat memory ({@link JdbcChatMemoryStore}), the turn's retrieved knowledge injected
 * into the outgoing request only ({@link KnowledgeInjector}), and the tools in {@link AssistantTools}.
 *
 * <p>Not thread-safe per conversation: LangChain4j memory must never see two calls for one {@code @MemoryId} at
 * once. {@link LlmAgent} guarantees that.
 */
public interface SupportAssistant extends ChatMemoryAccess {

    /**
     * One turn.
     *
     * @param conversationId the memory id; never shown to the model (tools get it through {@code @ToolMemoryId})
     * @param message        the customer's text already delimited by {@link CustomerText#delimit}; braces are escaped
     *                       there because LangChain4j treats this argument as a prompt template
     * @return the answer text (null when a tool ended the turn), token usage and tool executions
     */
    Result<String> chat(@MemoryId long conversationId, @UserMessage String message);
}
