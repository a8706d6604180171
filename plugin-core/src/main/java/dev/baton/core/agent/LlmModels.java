package dev.baton.core.agent;

import dev.baton.core.config.LlmConfig;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.http.HttpClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds what talks to the model: an {@link OpenAiChatModel} on the JDK HTTP client forced to HTTP/1.1 (vLLM and
 * LM Studio break on the h2c upgrade), with the configured timeout, retries and temperature, and the bounded,
 * named executor that model calls run on so that a turn can be abandoned at its deadline.
 */
public final class LlmModels {

    /** Threads for model calls; more concurrent turns than this wait in the queue, then fall back. */
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 64;

    private LlmModels() {
    }

    /** The chat model for {@code cfg}. The API key goes into a header only, never into a log. */
    public static ChatModel chatModel(LlmConfig cfg) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder()
                        .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
                .baseUrl(cfg.baseUrl().toString())
                .apiKey(cfg.apiKey().isBlank() ? null : cfg.apiKey())
                .modelName(cfg.model())
                .temperature(cfg.temperature())
                .timeout(cfg.timeout())
                .maxRetries(cfg.maxRetries())
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /** A bounded executor with named daemon threads; rejects work when full (the caller falls back). */
    public static ExecutorService boundedExecutor(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
