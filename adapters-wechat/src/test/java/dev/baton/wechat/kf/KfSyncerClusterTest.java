package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.state.KeyValueStore;
import dev.baton.wechat.FakeLeases;
import dev.baton.wechat.api.AccessToken;
import dev.baton.wechat.api.AccessTokenProvider;
import dev.baton.wechat.api.WxApiClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WeCom 微信客服 cursor with two Baton instances: a callback that reaches one instance while the other is pulling
 * leads to one more pull by the puller (with the newer callback token), never to two pulls at once from one cursor.
 */
class KfSyncerClusterTest {

    static final String KFID = "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1615478600), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final KeyValueStore state = KeyValueStore.inMemory();
    private final FakeLeases leases = new FakeLeases();
    private final ExecutorService backgroundA = Executors.newSingleThreadExecutor();
    private final ExecutorService backgroundB = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        backgroundA.shutdownNow();
        backgroundB.shutdownNow();
    }

    private KfSyncer instance(String id, ExecutorService background) {
        AccessTokenProvider tokens = new AccessTokenProvider("wecom-kf",
                force -> new AccessToken("KF_TOKEN", CLOCK.instant().plusSeconds(7200)), CLOCK);
        KfApi api = new KfApi(new WxApiClient(new OkHttpClient(), URI.create(wm.baseUrl()), tokens, Set.of(40014),
                new ObjectMapper()));
        return new KfSyncer(api, state, background, new KfSessions(CLOCK, state), leases.instance(id));
    }

    /** A sink that records, and holds the first page it gets until {@code release} opens. */
    private static final class HoldingSink implements InboundSink {
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch inFirstPage = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<Receipt> accept(List<InboundMessage> messages) {
            messages.forEach(m -> ids.add(m.platformMessageId()));
            inFirstPage.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return messages.stream().map(m -> new Receipt(1, false)).toList();
        }

        @Override
        public void deliveryStatus(DeliveryStatus status) {
        }
    }

    @Test
    void should_pull_once_more_on_the_instance_that_holds_the_cursor_when_a_callback_reaches_the_other()
            throws Exception {
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).withRequestBody(notContaining("cursor-page-2"))
                .willReturn(okJson(dev.baton.wechat.Fixtures.resource("wecom/sync_msg_page1.json")
                        .replace("\"has_more\": 1", "\"has_more\": 0"))));
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/kf/sync_msg")).withRequestBody(containing("cursor-page-2"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"cursor-page-3\","
                        + "\"has_more\":0,\"msg_list\":[]}")));
        KfSyncer a = instance("a", backgroundA);
        KfSyncer b = instance("b", backgroundB);
        HoldingSink sink = new HoldingSink();

        a.trigger(KFID, "TOKEN_FIRST_CALLBACK", sink);
        assertThat(sink.inFirstPage.await(10, TimeUnit.SECONDS)).isTrue(); // a is mid-pull, holding the lease
        b.trigger(KFID, "TOKEN_SECOND_CALLBACK", sink);
        backgroundB.shutdown();
        assertThat(backgroundB.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/kf/sync_msg"))); // b left the pull to a

        sink.release.countDown();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/kf/sync_msg"))
                        .withRequestBody(matchingJsonPath("$.cursor", equalTo("cursor-page-2")))
                        .withRequestBody(matchingJsonPath("$.token", equalTo("TOKEN_SECOND_CALLBACK")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> leases.holder("kf-sync/" + KFID) == null);
        assertThat(state.get("wecom-kf.cursor." + KFID)).contains("cursor-page-3");
        assertThat(leases.maxConcurrent()).as("never two pulls at once").isEqualTo(1);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/kf/sync_msg")));
    }
}
