package dev.baton.inbox.desk;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.store.EngineJson;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The CRM lookup: the customer's JSON, nothing when the CRM is slow or not configured. */
class CrmLookupTest {

    @RegisterExtension
    static WireMockExtension crmServer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void should_look_up_the_customer_in_the_crm_and_survive_a_slow_one() {
        crmServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        urlEqualTo("/crm?channel=dev&id=alice%40x"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"orders\":3,\"ltv\":1200}")));
        crmServer.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/crm?channel=dev&id=slow"))
                .willReturn(aResponse().withFixedDelay(2000).withBody("{}")));
        CrmLookup crm = new CrmLookup(crmServer.baseUrl() + "/crm?channel={channel}&id={platformId}",
                new OkHttpClient(), Duration.ofMillis(300), EngineJson.mapper());
        assertThat(crm.lookup("dev", "alice@x", 1)).hasValueSatisfying(n ->
                assertThat(n.path("orders").asInt()).isEqualTo(3));
        assertThat(crm.lookup("dev", "slow", 1)).isEmpty();
        assertThat(new CrmLookup(null, new OkHttpClient(), Duration.ofSeconds(1), EngineJson.mapper())
                .lookup("dev", "x", 1)).isEmpty();
    }
}
