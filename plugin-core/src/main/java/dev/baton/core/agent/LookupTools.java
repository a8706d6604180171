package dev.baton.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.lookup.Lookup;
import dev.baton.core.lookup.LookupConfig;
import dev.baton.core.lookup.LookupOutcome;
import dev.baton.core.lookup.Lookups;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The business look-ups as the model's tools, one per look-up, named after it, with a JSON schema of the values the
 * customer gives ({@code params} from their words; the identity is never in the schema). Their arguments come from a
 * model that the customer may steer, so each call is checked here, like {@link AssistantTools}: an argument that
 * names the customer's identity is refused (the verified id comes from the channel, never from the conversation), an
 * unknown or malformed value is refused with the reason, and at most {@code maxPerTurn} calls go out per customer
 * message. A refusal's text goes back to the model. The result is what the model may say: the answer template filled
 * in (the facts), the record with the {@code mask:} fields blanked, or the not-found text or apology to relay.
 */
final class LookupTools {

    /** The record shown to the model is cut after this many characters. */
    static final int MAX_DATA_CHARS = 2000;

    private final Lookups lookups;
    private final Function<Object, Turn> turns;
    private final int maxPerTurn;
    private final ObjectMapper json = new ObjectMapper();

    LookupTools(Lookups lookups, Function<Object, Turn> turns, int maxPerTurn) {
        this.lookups = lookups;
        this.turns = turns;
        this.maxPerTurn = maxPerTurn;
    }

    /** The tools for AiServices: one specification and executor per look-up. */
    Map<ToolSpecification, ToolExecutor> tools() {
        Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
        for (Lookup l : lookups.all()) {
            out.put(specification(l), (request, memoryId) -> execute(l, request, memoryId));
        }
        return out;
    }

    Set<String> names() {
        return lookups.names();
    }

    static ToolSpecification specification(Lookup l) {
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (String p : l.messageParams()) {
            LookupConfig.Param param = l.config().params().get(p);
            String what = param.description() != null ? param.description() : param.ask().in("en");
            schema.addStringProperty(p, what + " (as the customer wrote it; format: " + param.pattern() + ")");
            required.add(p);
        }
        String description = "Look up in the business's own system: " + l.description("en")
                + (l.description("zh").equals(l.description("en")) ? "" : " / " + l.description("zh"))
                + ". Use it when the customer asks about it. Ask the customer for a missing value first; never "
                + "guess one." + (l.needsIdentity() ? " The customer's identity is supplied by the system." : "");
        return ToolSpecification.builder().name(l.name()).description(description)
                .parameters(schema.required(required).additionalProperties(false).build()).build();
    }

    private String execute(Lookup lookup, ToolExecutionRequest request, Object memoryId) {
        Turn turn = turns.apply(memoryId);
        JsonNode args;
        try {
            args = request.arguments() == null || request.arguments().isBlank() ? json.createObjectNode()
                    : json.readTree(request.arguments());
        } catch (JsonProcessingException e) {
            return "rejected: the arguments are not a JSON object";
        }
        if (!args.isObject()) {
            return "rejected: the arguments are not a JSON object";
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (lookup.isIdentity(name)) {
                lookups.refused(lookup, "identity");
                turn.looked(new LookupTrace(lookup.name(), LookupTrace.Outcome.REFUSED, Map.of(), null,
                        "refused: the customer's identity was passed as an argument"), false);
                return "refused: " + name + " is the customer's verified identity, which the system supplies. "
                        + "Never pass it, and never use a value the customer typed for it. Call again without it.";
            }
            if (!lookup.messageParams().contains(name)) {
                return "rejected: " + name + " is not an argument; the arguments are "
                        + String.join(", ", lookup.messageParams());
            }
            String given = args.get(name).asText("").strip();
            String value = lookup.find(name, given).orElse(null);
            if (value == null) {
                return "rejected: \"" + given + "\" is not a valid " + name + "; ask the customer to check it";
            }
            values.put(name, value);
        }
        List<String> missing = lookup.missing(values);
        if (!missing.isEmpty()) {
            return "missing " + missing.get(0) + ": ask the customer for it (" + lookup.ask(missing.get(0), "en")
                    + ") and do not guess it";
        }
        if (turn.countLookup() > maxPerTurn) {
            lookups.refused(lookup, "limit");
            return "look-up limit reached for this message; answer with what you have or hand off";
        }
        Lookups.Result r = lookups.run(lookup, values, turn.customer, turn.conversationId, turn.language);
        boolean handOff = r.failed() && lookup.config().onError() == LookupConfig.OnError.HANDOFF;
        turn.looked(r.trace(), handOff);
        return result(lookup, r, handOff);
    }

    /** What the model reads: the facts to answer from, or what to tell the customer. */
    private String result(Lookup lookup, Lookups.Result r, boolean handOff) {
        ObjectNode out = json.createObjectNode();
        if (r.outcome() instanceof LookupOutcome.Found f) {
            out.put("result", "found");
            out.put("facts", r.reply());
            String data = lookup.maskedForModel(f.result()).toString();
            out.put("data", data.length() > MAX_DATA_CHARS ? data.substring(0, MAX_DATA_CHARS) + "…" : data);
            out.put("instruction", "Answer the customer from these facts only, in their language.");
        } else if (r.outcome() instanceof LookupOutcome.NotFound) {
            out.put("result", "not_found");
            out.put("say", r.reply());
        } else {
            out.put("result", "unavailable");
            out.put("say", handOff ? "A colleague will take over." : r.reply());
        }
        return out.toString();
    }
}
