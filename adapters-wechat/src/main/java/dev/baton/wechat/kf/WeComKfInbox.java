package dev.baton.wechat.kf;

import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.wechat.api.WxApiException;
import dev.baton.wechat.kf.KfApi.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import dev.baton.wechat.config.WeComKfConfig;

/**
 * {@code inbox.kind: wecom-kf}: hands a conversation to WeCom's own servicers with {@code service_state/trans},
 * to the queue pool (state 2) or, when {@code servicer-user-id} is set, to that servicer (state 3). Once there, the
 * sender sees the state and keeps the bot silent. A failed transfer is retried in the background (2 s, 10 s, 30 s);
 * {@link #open} never throws.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/94669">分配客服会话 · 变更会话状态</a>
 */
public final class WeComKfInbox implements HumanInbox {

    private static final Logger log = LoggerFactory.getLogger(WeComKfInbox.class);
    private static final List<Duration> RETRIES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    private final KfApi api;
    private final String servicerUserId;
    private final ExecutorService background;
    private final List<Duration> retries;

    WeComKfInbox(KfApi api, String servicerUserId, ExecutorService background) {
        this(api, servicerUserId, background, RETRIES);
    }

    WeComKfInbox(KfApi api, String servicerUserId, ExecutorService background, List<Duration> retries) {
        this.api = api;
        this.servicerUserId = servicerUserId;
        this.background = background;
        this.retries = retries;
    }

    @Override
    public String kind() {
        return "wecom-kf";
    }

    @Override
    public void open(HandoffTicket ticket) {
        HandoffTicket.CustomerProfile customer = ticket.customer();
        if (customer == null || !WeComKfConfig.CHANNEL.equals(customer.channel()) || customer.channelAccount() == null) {
            log.warn("wecom-kf inbox: ticket {} (conversation {}) is not a WeCom 微信客服 conversation; not transferred",
                    ticket.id(), ticket.conversationId());
            return;
        }
        if (transfer(ticket, 0)) {
            return;
        }
        try {
            background.execute(() -> {
                for (int i = 0; i < retries.size(); i++) {
                    try {
                        Thread.sleep(retries.get(i).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (transfer(ticket, i + 1)) {
                        return;
                    }
                }
                log.error("wecom-kf inbox: gave up transferring conversation {} to WeCom", ticket.conversationId());
            });
        } catch (RejectedExecutionException e) {
            log.error("wecom-kf inbox: could not schedule a retry for conversation {}", ticket.conversationId());
        }
    }

    private boolean transfer(HandoffTicket ticket, int attempt) {
        SessionState target = servicerUserId == null ? SessionState.QUEUED : SessionState.HUMAN;
        try {
            api.transfer(ticket.customer().channelAccount(), ticket.customer().platformId(), target, servicerUserId);
            log.info("wecom-kf inbox: conversation {} transferred to {} (reason {})", ticket.conversationId(),
                    servicerUserId == null ? "the queue pool" : "servicer " + servicerUserId,
                    ticket.reasons().isEmpty() ? "-" : ticket.reasons().get(0));
            return true;
        } catch (WxApiException e) {
            log.warn("wecom-kf inbox: transfer of conversation {} failed (attempt {}): {}", ticket.conversationId(),
                    attempt + 1, e.getMessage());
            return false;
        }
    }
}
