package dev.baton.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock transformer that plays a well-behaved OpenAI-compatible model for the benchmark. It reads the request
 * the agent sent and answers as a diligent model would: a knowledge-backed answer citing {@code [n]} when the
 * prompt's knowledge covers the question; {@code handoffToHuman} for sensitive requests; {@code searchKnowledge}
 * (with a rewritten query) when the knowledge does not cover it; an answer from the search result afterwards; a
 * JSON summary when asked for {@code json_object}. Its {@code usage} estimates tokens from the request text with
 * DeepSeek's published ratios (about 0.3 token per ASCII character, 0.6 per Chinese character), so token
 * accounting runs on realistic numbers.
 */
public final class StubModel implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOMER = Pattern.compile(
            "<customer_message lang=\"([a-z-]*)\">\\n(.*?)\\n</customer_message>", Pattern.DOTALL);
    private static final Pattern SENSITIVE = Pattern.compile(
            "(?i)改成|转账|重置|密码|change the email|transfer my|reset my password");
    private static final Pattern COURTESY = Pattern.compile(
            "(?i)^(你好|您好|谢谢|好的|好的谢谢|hi|hello|thanks!?|ok( thanks)?|great, thanks|thank you)[，,.!！ 。]*"
                    + "(想问下.*)?$");
    private static final Pattern ENTRY = Pattern.compile("\\[(\\d+)] (.+)\\n(.+)\\n\\(source: ");
    private static final Map<String, String> REWRITE = Map.of("钱", "退款 到账", "寄到", "发货", "money back", "refund",
            "get here", "arrive");

    private int calls;
    private long prefixTokens;

    @Override
    public String getName() {
        return "baton-stub-model";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        calls++;
        try {
            JsonNode req = JSON.readTree(event.getRequest().getBodyAsString());
            long promptTokens = estimate(req.get("messages").toString()) + (req.has("tools")
                    ? estimate(req.get("tools").toString()) : 0);
            if (!req.has("response_format")) {
                prefixTokens = estimate(req.get("messages").get(0).toString())
                        + (req.has("tools") ? estimate(req.get("tools").toString()) : 0);
            }
            ObjectNode message = decide(req);
            long completion = estimate(message.toString()) / 2 + 5;
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(completion(message, promptTokens, completion).toString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized int calls() {
        return calls;
    }

    /** Estimated tokens of the fixed prefix (system prompt and tool schemas) that providers can cache. */
    synchronized long prefixTokens() {
        return prefixTokens;
    }

    private ObjectNode decide(JsonNode req) throws IOException {
        if (req.has("response_format")) {
            return text(JSON.writeValueAsString(Map.of("issue", "客户的问题", "tried", "机器人回答了政策",
                    "customer_state", "平静", "open_questions", new String[]{"需要人工确认"})));
        }
        JsonNode messages = req.get("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String content = last.path("content").asText("");
        if ("tool".equals(last.get("role").asText())) {
            Matcher m = ENTRY.matcher(content);
            String lang = lastCustomerLanguage(messages);
            if (m.find()) {
                return text(("zh".equals(lang) ? "查到了：" : "Here is what I found: ") + m.group(3) + " [" + m.group(1)
                        + "]");
            }
            return text("zh".equals(lang) ? "抱歉，这个问题我不太确定，需要的话我可以为您转接人工客服。"
                    : "Sorry, I'm not sure about that. I can connect you with a colleague if you like.");
        }
        Matcher cm = CUSTOMER.matcher(content);
        if (!cm.find()) {
            return text("OK");
        }
        String lang = cm.group(1);
        String said = cm.group(2);
        if (SENSITIVE.matcher(said).find()) {
            return toolCall("handoffToHuman", Map.of("reason", "sensitive_operation", "summary",
                    "zh".equals(lang) ? "客户要求办理敏感操作：" + said : "Customer asks for a sensitive operation: " + said));
        }
        Matcher entry = ENTRY.matcher(content);
        boolean confident = entry.find() && !entry.group(2).contains("(low relevance");
        if (confident) {
            return text(("zh".equals(lang) ? "您好，" : "Sure. ") + entry.group(3) + " [" + entry.group(1) + "]");
        }
        if (COURTESY.matcher(said.strip()).matches()) {
            return text("zh".equals(lang) ? "不客气，还有什么可以帮您？" : "You're welcome! Anything else I can help with?");
        }
        StringBuilder query = new StringBuilder(said);
        REWRITE.forEach((k, v) -> {
            if (said.toLowerCase().contains(k)) {
                query.append(' ').append(v);
            }
        });
        return toolCall("searchKnowledge", Map.of("query", query.toString()));
    }

    private static String lastCustomerLanguage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Matcher m = CUSTOMER.matcher(messages.get(i).path("content").asText(""));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "en";
    }

    private static ObjectNode text(String content) {
        return JSON.createObjectNode().put("role", "assistant").put("content", content);
    }

    private ObjectNode toolCall(String name, Map<String, String> args) throws IOException {
        ObjectNode msg = JSON.createObjectNode().put("role", "assistant");
        msg.putNull("content");
        ArrayNode calls = msg.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", "call_" + this.calls).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", JSON.writeValueAsString(args));
        return msg;
    }

    private static ObjectNode completion(ObjectNode message, long prompt, long completion) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "stub");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root;
    }

    /** DeepSeek's rule of thumb: ~0.3 token per ASCII character, ~0.6 per other (CJK) character. */
    static long estimate(String text) {
        double t = 0;
        for (int i = 0; i < text.length(); i++) {
            t += text.charAt(i) < 128 ? 0.3 : 0.6;
        }
        return Math.round(t);
    }
}
