package dev.baton.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code llm:}: the OpenAI-compatible chat model behind the agent (OpenAI, DeepSeek, Qwen/DashScope compatible mode,
 * Moonshot, Ollama {@code /v1}, vLLM). Omit the whole block for offline mode.
 *
 * <p>Bound by Jackson with kebab-case keys; every key but {@code base-url} and {@code model} has a default, applied
 * in the compact constructor (so the boxed accessors are never null). Durations accept {@code 20s}, {@code 500ms},
 * {@code 5m} or ISO {@code PT20S}.
 *
 * @param baseUrl        the API root that {@code /chat/completions} hangs off, e.g. {@code https://api.deepseek.com/v1}
 * @param apiKey         bearer key; may be blank for a local Ollama or vLLM. Never logged
 * @param model          model name, e.g. {@code deepseek-chat}, {@code qwen-plus}, {@code qwen2.5:7b}
 * @param timeout        connect and read timeout of one HTTP call; default 20s
 * @param maxRetries     HTTP retries of one call inside LangChain4j; default 1
 * @param temperature    sampling temperature; default 0.2
 * @param memoryWindow   chat-memory window in messages; default 20
 * @param deadline       customer-facing deadline of one turn, model calls and tools included; default 25s. When
 *                       it passes the customer gets the offline answer or a handoff
 * @param persona        who the assistant is, e.g. "小美, the assistant of Acme Shop"
 * @param tone           how it speaks, e.g. "warm and concise"
 * @param language       {@code auto} (default: the customer's language) or a fixed language such as {@code zh}
 * @param circuitBreaker when to stop calling a failing model, and for how long
 * @param llmSummary     write handoff summaries with the model (default true); false keeps the extractive one
 * @param maxLookupsPerTurn business look-up calls the model may make for one customer message (default 2, at most
 *                       5); further calls are refused and the model answers with what it has
 */
public record LlmConfig(URI baseUrl, String apiKey, String model,
                        @JsonDeserialize(using = Durations.Deserializer.class) Duration timeout,
                        Integer maxRetries, Double temperature, Integer memoryWindow,
                        @JsonDeserialize(using = Durations.Deserializer.class) Duration deadline,
                        String persona, String tone, String language, CircuitBreakerConfig circuitBreaker,
                        Boolean llmSummary, Integer maxLookupsPerTurn) implements Validated {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(25);
    public static final String DEFAULT_PERSONA = "the customer-service assistant of this business";
    public static final String DEFAULT_TONE = "friendly, concise and professional";

    public LlmConfig {
        apiKey = apiKey == null ? "" : apiKey.strip();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        maxRetries = maxRetries == null ? 1 : maxRetries;
        temperature = temperature == null ? 0.2 : temperature;
        memoryWindow = memoryWindow == null ? 20 : memoryWindow;
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        persona = persona == null || persona.isBlank() ? DEFAULT_PERSONA : persona.strip();
        tone = tone == null || tone.isBlank() ? DEFAULT_TONE : tone.strip();
        language = language == null || language.isBlank() ? "auto" : language.strip();
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.defaults() : circuitBreaker;
        llmSummary = llmSummary == null || llmSummary;
        maxLookupsPerTurn = maxLookupsPerTurn == null ? 2 : maxLookupsPerTurn;
    }

    /** A config with every default, for code and tests: {@code LlmConfig.of(url, key, model)}. */
    public static LlmConfig of(URI baseUrl, String apiKey, String model) {
        return new LlmConfig(baseUrl, apiKey, model, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** True when {@link #language} is {@code auto}: answer in the customer's language. */
    public boolean autoLanguage() {
        return "auto".equalsIgnoreCase(language);
    }

    public LlmConfig withTimeouts(Duration newTimeout, Duration newDeadline) {
        return new LlmConfig(baseUrl, apiKey, model, newTimeout, maxRetries, temperature, memoryWindow, newDeadline,
                persona, tone, language, circuitBreaker, llmSummary, maxLookupsPerTurn);
    }

    public LlmConfig withMaxRetries(int retries) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, retries, temperature, memoryWindow, deadline, persona,
                tone, language, circuitBreaker, llmSummary, maxLookupsPerTurn);
    }

    public LlmConfig withCircuitBreaker(CircuitBreakerConfig breaker) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, maxRetries, temperature, memoryWindow, deadline,
                persona, tone, language, breaker, llmSummary, maxLookupsPerTurn);
    }

    public LlmConfig withMemoryWindow(int messages) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, maxRetries, temperature, messages, deadline, persona,
                tone, language, circuitBreaker, llmSummary, maxLookupsPerTurn);
    }

    public LlmConfig withVoice(String newPersona, String newTone, String newLanguage) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, maxRetries, temperature, memoryWindow, deadline,
                newPersona, newTone, newLanguage, circuitBreaker, llmSummary, maxLookupsPerTurn);
    }

    public LlmConfig withMaxLookupsPerTurn(int calls) {
        return new LlmConfig(baseUrl, apiKey, model, timeout, maxRetries, temperature, memoryWindow, deadline,
                persona, tone, language, circuitBreaker, llmSummary, calls);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (baseUrl == null) {
            problems.add(prefix + ".base-url", "required; set it to the OpenAI-compatible API root, e.g. "
                    + "base-url: https://api.deepseek.com/v1 (or remove the llm block for offline mode)");
        } else if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            problems.add(prefix + ".base-url", "must be an http(s) URL, e.g. https://api.deepseek.com/v1 or "
                    + "http://localhost:11434/v1 for Ollama");
        }
        problems.require(prefix + ".model", model, "set model: deepseek-chat (or qwen-plus, qwen2.5:7b, …)");
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add(prefix + ".timeout", "must be positive; e.g. timeout: 20s");
        }
        if (deadline.isZero() || deadline.isNegative()) {
            problems.add(prefix + ".deadline", "must be positive; e.g. deadline: 25s");
        }
        if (maxRetries < 0 || maxRetries > 5) {
            problems.add(prefix + ".max-retries", "must be between 0 and 5; e.g. max-retries: 1");
        }
        if (temperature < 0 || temperature > 2) {
            problems.add(prefix + ".temperature", "must be between 0 and 2; e.g. temperature: 0.2");
        }
        if (memoryWindow < 2 || memoryWindow > 200) {
            problems.add(prefix + ".memory-window", "must be between 2 and 200 messages; e.g. memory-window: 20");
        }
        if (maxLookupsPerTurn < 1 || maxLookupsPerTurn > 5) {
            problems.add(prefix + ".max-lookups-per-turn", "must be between 1 and 5; e.g. max-lookups-per-turn: 2");
        }
        circuitBreaker.validate(prefix + ".circuit-breaker", problems);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", deadline=" + deadline + ", language="
                + language + ", memoryWindow=" + memoryWindow + ", circuitBreaker=" + circuitBreaker
                + ", llmSummary=" + llmSummary + ", maxLookupsPerTurn=" + maxLookupsPerTurn + "]";
    }

    /**
     * {@code llm.circuit-breaker}: after {@code failures} consecutive model failures (error, timeout, 429, malformed
     * body) the agent stops calling the model for {@code openFor}, then lets one trial call through.
     *
     * @param failures consecutive failures that open the breaker; default 3
     * @param openFor  how long it stays open; default 30s
     */
    public record CircuitBreakerConfig(Integer failures,
                                       @JsonDeserialize(using = Durations.Deserializer.class) Duration openFor)
            implements Validated {

        public CircuitBreakerConfig {
            failures = failures == null ? 3 : failures;
            openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
        }

        public static CircuitBreakerConfig defaults() {
            return new CircuitBreakerConfig(null, null);
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (failures < 1) {
                problems.add(prefix + ".failures", "must be at least 1; e.g. failures: 3");
            }
            if (openFor.isNegative() || openFor.isZero()) {
                problems.add(prefix + ".open-for", "must be positive; e.g. open-for: 30s");
            }
        }
    }

}
