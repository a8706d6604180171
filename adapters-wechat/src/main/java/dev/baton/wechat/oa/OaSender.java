package dev.baton.wechat.oa;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.OutboundMessage.OutboundContent;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.TextSplitter;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.api.WxApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.baton.wechat.config.WeChatConfig;

/**
 * Sends Official Account replies through the customer-service API ({@code /cgi-bin/message/custom/send}), split at
 * 2048 UTF-8 bytes. Parts already delivered for an outbox row are not sent again when the outbox retries it.
 *
 * <p>Outcomes: 45015 (48-hour window over) and 45047 (quota of messages after the customer's last one) are
 * {@code Rejected(windowClosed)}; busy / rate-limit / transport errors are {@code RetryLater}; other errors are
 * {@code Rejected}. In passive mode no API is called: the reply stays stored and goes out with the customer's next
 * message ({@code RetryLater}); and the agent's time per message is capped by {@link PassiveTiming#answerDeadline()}
 * ({@link ChannelLimits#answerDeadline()}), so that its answer is ready while WeChat still waits.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/api/customer/message/api_sendcustommessage.html">客服消息</a>
 */
public final class OaSender implements Sender {

    static final Duration REPLY_WINDOW = Duration.ofHours(48);
    private static final Logger log = LoggerFactory.getLogger(OaSender.class);
    private static final Set<Integer> WINDOW_CLOSED = Set.of(45015, 45047);
    private static final Set<Integer> TRANSIENT = Set.of(-1, 45009, 45011, 40001, 40014, 42001);

    private final WxApiClient api;
    private final ReplyMode mode;
    private final PassiveTiming timing;
    private final Clock clock;
    private final Map<Long, Integer> partsDelivered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > 10_000;
        }
    };

    /** @param timing WeChat's delivery rhythm, the same the adapter uses (passive mode only) */
    public OaSender(WxApiClient api, ReplyMode mode, PassiveTiming timing, Clock clock) {
        this.api = api;
        this.mode = mode;
        this.timing = timing;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return WeChatConfig.CHANNEL;
    }

    @Override
    public ChannelLimits limits() {
        Duration answerDeadline = mode == ReplyMode.PASSIVE ? timing.answerDeadline().orElse(null) : null;
        return new ChannelLimits(OfficialAccountAdapter.MAX_TEXT_BYTES, REPLY_WINDOW, 0, false, answerDeadline);
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        if (mode == ReplyMode.PASSIVE) {
            return new SendOutcome.RetryLater("passive_mode",
                    "passive mode: delivered in the answer to the customer's next message", Duration.ofMinutes(10));
        }
        if (message.customerLastMessageAt() != null
                && message.customerLastMessageAt().plus(REPLY_WINDOW).isBefore(clock.instant())) {
            return new SendOutcome.Rejected("45015", "48-hour reply window is over", true);
        }
        List<String> parts = TextSplitter.byUtf8Bytes(render(message.content()), OfficialAccountAdapter.MAX_TEXT_BYTES);
        int done;
        synchronized (partsDelivered) {
            done = partsDelivered.getOrDefault(message.outboxId(), 0);
        }
        List<String> ids = new ArrayList<>();
        for (int i = done; i < parts.size(); i++) {
            var body = api.object().put("touser", message.customerId()).put("msgtype", "text");
            body.putObject("text").put("content", parts.get(i));
            try {
                api.post("/cgi-bin/message/custom/send", body);
                ids.add(message.outboxId() + "-" + i);
                synchronized (partsDelivered) {
                    partsDelivered.put(message.outboxId(), i + 1);
                }
            } catch (WxApiException e) {
                return outcome(message, e);
            }
        }
        synchronized (partsDelivered) {
            partsDelivered.remove(message.outboxId());
        }
        return new SendOutcome.Delivered(ids);
    }

    private static SendOutcome outcome(OutboundMessage message, WxApiException e) {
        int code = e.errcode();
        log.warn("wechat: send of outbox {} failed: {}", message.outboxId(), e.getMessage());
        if (e instanceof WxApiException.Transient) {
            return new SendOutcome.RetryLater("transport", e.getMessage(), Duration.ofSeconds(10));
        }
        if (WINDOW_CLOSED.contains(code)) {
            return new SendOutcome.Rejected(String.valueOf(code),
                    code == 45015 ? "48-hour reply window is over" : "reply quota for this customer is used up", true);
        }
        if (TRANSIENT.contains(code)) {
            return new SendOutcome.RetryLater(String.valueOf(code), e.getMessage(), Duration.ofSeconds(30));
        }
        return new SendOutcome.Rejected(String.valueOf(code), e.getMessage(), false);
    }

    /** Official Accounts have no reply buttons in this API: buttons become a line of hints. */
    static String render(OutboundContent content) {
        if (content instanceof OutboundMessage.TextWithButtons t && !t.buttons().isEmpty()) {
            return t.text() + "\n\n" + t.buttons().stream().map(b -> "【" + b.title() + "】")
                    .collect(Collectors.joining(" "));
        }
        return content.text() == null ? "" : content.text();
    }
}
