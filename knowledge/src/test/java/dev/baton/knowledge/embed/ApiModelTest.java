package dev.baton.knowledge.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.result.KnowledgeHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A knowledge base over an operator's OpenAI-compatible embeddings API ({@code knowledge.embedding.*.api: openai}),
 * here a WireMock stand-in that embeds by topic words: the entries and the questions go to the API with the key and
 * the model configured, and its vectors decide the answer. No network beyond the loopback.
 */
class ApiModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Topic words and their axes; any other word adds to a small shared axis. */
    private static final Map<String, Integer> TOPICS = Map.of("refund", 0, "reimbursement", 0, "money", 0,
            "delivery", 1, "parcel", 1, "shipping", 1, "password", 2, "login", 2, "passcode", 2);

    /** Answers {@code /v1/embeddings} with one vector per input, in OpenAI's response shape. */
    static final class TopicEmbeddings implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
                ObjectNode body = JSON.createObjectNode().put("object", "list").put("model", request.path("model")
                        .asText());
                ArrayNode data = body.putArray("data");
                int i = 0;
                for (JsonNode input : request.path("input")) {
                    float[] v = new float[8];
                    for (String w : input.asText().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                        Integer axis = TOPICS.get(w);
                        v[axis != null ? axis : 3 + Math.floorMod(w.hashCode(), 5)] += axis != null ? 1f : 0.1f;
                    }
                    ObjectNode item = data.addObject().put("object", "embedding").put("index", i++);
                    ArrayNode vector = item.putArray("embedding");
                    for (float x : v) {
                        vector.add(x);
                    }
                }
                body.putObject("usage").put("prompt_tokens", i).put("total_tokens", i);
                return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(body)).build(); // a string: WireMock's Jackson is shaded
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getName() {
            return "topic-embeddings";
        }
    }

    @TempDir
    Path tmp;

    private WireMockServer api;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort().extensions(new TopicEmbeddings()));
        api.start();
        api.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withTransformers("topic-embeddings")));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void should_answer_from_vectors_of_the_configured_api_sending_its_key_and_model() throws Exception {
        EmbeddingSource.OpenAiApi source = new EmbeddingSource.OpenAiApi(URI.create(api.baseUrl() + "/v1"),
                "text-embedding-3-small", "sk-test-secret", 8, Duration.ofSeconds(5));
        ConfiguredEmbeddingModel model = ConfiguredEmbeddingModel.load(source);
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(ConfiguredModelTest.faq(tmp.resolve("kb")),
                tmp.resolve("index")).withWatch(false), Embedders.of(model, model))) {
            kb.sync();

            assertThat(kb.search("reimbursement please", 3).best().map(KnowledgeHit::id)).contains("refund");
            assertThat(kb.search("my passcode", 3).best().map(KnowledgeHit::id)).contains("password");
        }
        api.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withHeader("Authorization", equalTo("Bearer sk-test-secret"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small")))
                .withRequestBody(matchingJsonPath("$.dimensions", equalTo("8")))
                .withRequestBody(containing("reimbursement please")));
        assertThat(model.identity()).contains("text-embedding-3-small").doesNotContain("sk-test");
        assertThat(source.toString()).doesNotContain("sk-test");
    }
}
