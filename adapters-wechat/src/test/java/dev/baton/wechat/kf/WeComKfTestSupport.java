package dev.baton.wechat.kf;

import dev.baton.core.channel.WebhookRequest;

/** Exposes the signed WeCom callback fixture to tests in other packages. */
public final class WeComKfTestSupport {

    private WeComKfTestSupport() {
    }

    public static WebhookRequest callback() {
        return WeComKfTest.callback();
    }
}
