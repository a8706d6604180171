package dev.baton.core.testing;

import dev.baton.core.config.LlmConfig;
import dev.baton.core.config.Localized;
import dev.baton.core.lookup.LookupConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The example shop's look-ups against a stub API at {@code base}: order status by number, points by identity. */
public final class ShopLookups {

    private ShopLookups() {
    }

    public static LookupConfig orderStatus(String base, LookupConfig.OnError onError) {
        return new LookupConfig("order_status", Localized.of("查询订单状态和物流", "Order status and tracking"),
                List.of("我的订单到哪了", "订单 {order} 发货了吗", "where is my order", "track order {order}"),
                Map.of("order", new LookupConfig.Param("\\d{8}-\\d{4}|\\d{12,20}",
                        Localized.of("请提供订单号", "What is your order number?"), null, null)),
                new LookupConfig.Request(LookupConfig.Method.GET, base + "/orders/{order}",
                        new LookupConfig.Auth("shop-secret-token-123456"), null, Duration.ofSeconds(2), null, null),
                Localized.of("订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。",
                        "Order {order}: {$.status_text}, {$.carrier} {$.tracking_no}, expected {$.eta}."),
                Localized.of("没有找到这个订单号，请核对一下。", "I couldn't find that order number."), onError, null, null,
                null, new LlmConfig.CircuitBreakerConfig(2, Duration.ofSeconds(30)));
    }

    public static LookupConfig memberPoints(String base) {
        return new LookupConfig("member_points", null, List.of("我的积分还有多少", "how many points do I have"),
                Map.of("member", new LookupConfig.Param(null, null, LookupConfig.Source.IDENTITY, null)),
                new LookupConfig.Request(null, base + "/members/{member}/points", null, null, null, null, null),
                Localized.of("您的会员积分：{$.points}", "Your points: {$.points}"), null,
                LookupConfig.OnError.APOLOGISE, null, null, null, null);
    }
}
