package dev.baton.core.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds OpenAI {@code /chat/completions} response bodies for WireMock: exactly one choice, {@code "type":
 * "function"} on every tool call (LangChain4j drops tool calls without it), and a {@code usage} block so that token
 * accounting can be checked.
 */
final class OpenAiStub {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A tool call: {@code arguments} is serialised to the JSON string OpenAI sends, unless it is already a string. */
    record Call(String name, Object arguments) {
    }

    private OpenAiStub() {
    }

    static String text(String content) {
        return text(content, 100, 20);
    }

    static String text(String content, int promptTokens, int completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return completion(message, "stop", promptTokens, completionTokens);
    }

    static String toolCalls(List<Call> calls) {
        return toolCalls(calls, 100, 20);
    }

    static String toolCalls(List<Call> calls, int promptTokens, int completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode list = message.putArray("tool_calls");
        int i = 0;
        for (Call c : calls) {
            ObjectNode call = list.addObject().put("id", "call_" + (++i)).put("type", "function");
            String args;
            try {
                args = c.arguments() instanceof String s ? s : JSON.writeValueAsString(c.arguments());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            call.putObject("function").put("name", c.name()).put("arguments", args);
        }
        return completion(message, "tool_calls", promptTokens, completionTokens);
    }

    static String toolCall(String name, Map<String, ?> arguments) {
        return toolCalls(List.of(new Call(name, arguments)));
    }

    /** A fixture file under {@code src/test/resources/agent/}. */
    static String fixture(String path) {
        try (InputStream in = OpenAiStub.class.getResourceAsStream("/agent/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String completion(ObjectNode message, String finishReason, int promptTokens,
                                     int completionTokens) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "deepseek-chat");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root.toString();
    }
}
