package dev.baton.wechat;

import okhttp3.OkHttpClient;

import java.time.Duration;

/** The HTTP client each WeChat channel owns for its API calls, and its shutdown. */
final class HttpClients {

    private HttpClients() {
    }

    /** No logging interceptor: access tokens travel in WeChat's URLs. */
    static OkHttpClient create() {
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(20)).build();
    }

    static void shutdown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
