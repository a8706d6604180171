package dev.baton.wechat.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.state.KeyValueStore;
import dev.baton.wechat.FakeLeases;
import dev.baton.wechat.oa.OaTokenFetcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three Baton instances and one WeChat access token: fetched once for all of them, replaced once when the platform
 * rejects it (a new classic token invalidates the previous one, so instances fetching their own would keep
 * invalidating each other's).
 */
class SharedTokenTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-26T06:20:45Z"), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final KeyValueStore state = KeyValueStore.inMemory();
    private final FakeLeases leases = new FakeLeases();

    @BeforeEach
    void tokens() {
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\":\"TOKEN_1\",\"expires_in\":7200}")).willSetStateTo("second"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"TOKEN_2\",\"expires_in\":7200}")).willSetStateTo("third"));
        wm.stubFor(get(urlPathEqualTo("/cgi-bin/token")).inScenario("tokens").whenScenarioStateIs("third")
                .willReturn(okJson("{\"access_token\":\"TOKEN_3\",\"expires_in\":7200}")));
    }

    private AccessTokenProvider instance(String id, Runnable pause) {
        OaTokenFetcher fetcher = new OaTokenFetcher(new WxApiClient(new OkHttpClient(), URI.create(wm.baseUrl()),
                null, Set.of(), new ObjectMapper()), "wxapp", "s3cret", false, CLOCK);
        return new AccessTokenProvider("wechat", fetcher, CLOCK, new SharedToken("wechat.wxapp", state,
                leases.instance(id)), pause);
    }

    @Test
    void should_fetch_one_token_for_all_instances_and_replace_it_once_when_rejected() throws WxApiException {
        AccessTokenProvider a = instance("a", () -> { });
        AccessTokenProvider b = instance("b", () -> { });
        AccessTokenProvider c = instance("c", () -> { });

        assertThat(a.get()).isEqualTo("TOKEN_1");
        assertThat(b.get()).isEqualTo("TOKEN_1");
        assertThat(c.get()).isEqualTo("TOKEN_1");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));

        // the platform rejects TOKEN_1 on a and then on b: one new token for the cluster
        a.invalidate("TOKEN_1");
        assertThat(a.get()).isEqualTo("TOKEN_2");
        b.invalidate("TOKEN_1");
        assertThat(b.get()).isEqualTo("TOKEN_2");
        assertThat(c.get()).as("c had no complaint: its copy is still fresh").isEqualTo("TOKEN_1");
        c.invalidate("TOKEN_1");
        assertThat(c.get()).isEqualTo("TOKEN_2");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        assertThat(leases.holder("token/wechat.wxapp")).as("the refresh lease is given back").isNull();
    }

    @Test
    void should_wait_for_the_token_another_instance_is_fetching_instead_of_fetching_its_own() throws Exception {
        // another instance holds the refresh lease and stores its token while this one waits
        assertThat(leases.instance("other").tryAcquire("token/wechat.wxapp")).isTrue();
        AccessTokenProvider waiting = instance("a", () -> {
            new SharedToken("wechat.wxapp", state, leases.instance("other")).write(new AccessToken("OTHERS",
                    CLOCK.instant().plusSeconds(7200)));
        });

        assertThat(waiting.get()).isEqualTo("OTHERS");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }

    @Test
    void should_report_a_transient_error_when_no_token_comes_while_another_instance_holds_the_lease() {
        assertThat(leases.instance("other").tryAcquire("token/wechat.wxapp")).isTrue();
        int[] looks = new int[1];
        AccessTokenProvider waiting = instance("a", () -> looks[0]++);

        assertThatThrownBy(waiting::get).isInstanceOf(WxApiException.Transient.class)
                .hasMessageContaining("another instance is fetching");
        assertThat(looks[0]).isEqualTo(AccessTokenProvider.WAIT_ATTEMPTS - 1);
        wm.verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
    }
}
