package dev.baton.wechat.oa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink.Receipt;
import dev.baton.core.channel.TextSplitter;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.plugin.PassiveChannelAdapter;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.core.plugin.PassiveReplies.Claimed;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.crypto.SignatureWindow;
import dev.baton.wechat.crypto.WxCryptoException;
import dev.baton.wechat.crypto.WxMsgCrypt;
import dev.baton.wechat.crypto.WxSignature;
import dev.baton.wechat.xml.SafeXml;
import dev.baton.wechat.xml.SafeXml.MalformedXmlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET|POST /webhooks/wechat}: the Official Account message push.
 *
 * <ul>
 *   <li>Every request: its {@code timestamp} must be inside the {@link SignatureWindow} ({@code signature-max-age});
 *       a signature never expires by itself, and callback URLs end up in logs.</li>
 *   <li>GET: URL verification, {@code echostr} returned when the signature matches.</li>
 *   <li>POST, plain mode (no EncodingAESKey): {@code signature} checked, body parsed. That signature does not cover
 *       the body, so each one is bound to the first message it carried ({@link PlainSignatureLedger}).</li>
 *   <li>POST, encrypted mode (EncodingAESKey configured): only {@code encrypt_type=aes} is accepted;
 *       {@code msg_signature} over the ciphertext is checked before decrypting, the decrypted appid must be ours,
 *       and only the decrypted message is read. WeChat's 兼容模式 also sends a plaintext copy: it is ignored. An
 *       unencrypted message is refused, so a logged plain signature cannot downgrade the channel.</li>
 * </ul>
 * Messages go to the sink before any answer (this adapter needs {@link PassiveReplies}). In async mode the answer
 * is {@code success} at once. In passive mode the answer is the reply itself when it is ready within the configured
 * wait; WeChat's retries of the same message (recognised by the sink as duplicates of one inbound id) wait again, and
 * the last one answers the "still working" text. Replies that missed every delivery go out with the customer's next
 * message.
 *
 * <p>With {@code transfer-to-wechat-kf: true}, a tap on the human menu waits for the engine's turn (as passive mode
 * waits for a reply) and is answered {@code transfer_customer_service} only when that turn left the conversation with
 * people, that is when the handoff policy decided a handoff; otherwise the tap is answered as any message. An
 * undecided tap lets WeChat's timeout pass so that its next delivery finds the decision.
 *
 * <p>Bad or expired signature → 401, an unencrypted message in encrypted mode or a message for another appid → 403,
 * malformed body or ciphertext → 400. None of these reach the sink, so none of them can release a reply: a reply
 * waiting for a customer goes out only in the answer to a verified message whose (decrypted) sender is that customer.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/dev/push/">消息推送</a>
 */
public final class OfficialAccountAdapter implements PassiveChannelAdapter {

    public static final String PATH = "/webhooks/wechat";
    private static final Logger log = LoggerFactory.getLogger(OfficialAccountAdapter.class);
    /** WeChat's passive text limit, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 2048;

    private final WeChatConfig config;
    private final Clock clock;
    private final PassiveTiming timing;
    private final WxMsgCrypt crypt;
    private final SignatureWindow window;
    private final PlainSignatureLedger plainSignatures;
    private final OaMessageMapper mapper;
    private final Map<Long, Integer> deliveries = boundedMap(10_000);
    private final Map<String, Deque<String>> overflow = new ConcurrentHashMap<>();

    public OfficialAccountAdapter(WeChatConfig config, Clock clock) {
        this(config, clock, PassiveTiming.standard(config.passiveWait()));
    }

    public OfficialAccountAdapter(WeChatConfig config, Clock clock, PassiveTiming timing) {
        this.config = config;
        this.clock = clock;
        this.timing = timing;
        this.crypt = config.safeMode() ? new WxMsgCrypt(config.token(), config.encodingAesKey(), config.appId()) : null;
        this.window = new SignatureWindow(config.signatureMaxAge(), clock);
        this.plainSignatures = new PlainSignatureLedger(clock, config.signatureMaxAge());
        this.mapper = new OaMessageMapper(config.humanMenuKey());
    }

    @Override
    public Channel channel() {
        return WeChatConfig.CHANNEL;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public long maxBodyBytes() {
        return 64 * 1024;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request, PassiveReplies sink) {
        if (request.isGet()) {
            return verifyUrl(request);
        }
        if (!request.isPost()) {
            return WebhookResponse.text(405, "GET or POST");
        }
        long started = System.nanoTime();
        Inbound inbound;
        try {
            inbound = read(request);
        } catch (Refused r) {
            return r.response;
        }
        Optional<InboundMessage> message = mapper.map(inbound.xml);
        if (message.isEmpty()) {
            return WebhookResponse.badRequest("not a WeChat message");
        }
        InboundMessage m = message.get();
        if (!inbound.encrypted && !plainSignatures.bind(inbound.signature, m.customerId(), m.platformMessageId())) {
            log.warn("wechat: a plain-mode signature already used for another message was refused");
            return WebhookResponse.unauthorized("signature already used");
        }
        Receipt receipt;
        try {
            // passive mode delivers the replies itself: they are held from the start, so that the outbox cannot
            // take one between the end of the turn and the claim
            receipt = (config.replyMode() == ReplyMode.PASSIVE ? sink.acceptHeld(List.of(m)) : sink.accept(List.of(m)))
                    .get(0);
        } catch (RuntimeException e) {
            log.error("wechat: could not store message {}; WeChat will retry", m.platformMessageId(), e);
            return WebhookResponse.text(503, "try again");
        }
        long id = receipt.inboundId();
        boolean transfer = transferRequested(m);
        int delivery = transfer || config.replyMode() == ReplyMode.PASSIVE ? countDelivery(receipt) : 1;
        Duration wait = timing.answerWait();
        if (transfer) {
            // the engine decides whether this tap hands off (the policy's button rule); the adapter only carries
            // that decision to WeChat's own customer service
            PassiveReplies.Turn turn = sink.awaitTurn(id, wait);
            if (turn.complete() && handedOff(sink, m)) {
                forget(id);
                log.info("wechat: conversation handed off on the human menu; answering transfer_customer_service");
                return reply(inbound, ReplyXml.transferToCustomerService(m.customerId(), account(m), now()));
            }
            if (!turn.complete() && delivery < timing.deliveries()) {
                // not decided yet: let WeChat's timeout pass, so that it delivers the tap again
                holdUntil(started + timing.platformTimeout().toNanos());
                return WebhookResponse.ok("success");
            }
            log.info("wechat: human menu tapped, conversation {}; no transfer to WeChat's customer service",
                    turn.complete() ? "kept by the bot" : "not decided by WeChat's last delivery");
            wait = Duration.ofNanos(Math.max(0, wait.toNanos() - (System.nanoTime() - started)));
        }
        if (config.replyMode() == ReplyMode.ASYNC) {
            if (transfer) {
                forget(id);
            }
            return WebhookResponse.ok("success");
        }
        return passive(inbound, m, receipt, sink, started, delivery, wait);
    }

    /** A tap on the "talk to a human" menu with {@code transfer-to-wechat-kf: true}. */
    private boolean transferRequested(InboundMessage m) {
        return config.transferToWechatKf() && m.content() instanceof InboundContent.ButtonTap tap
                && tap.requestsHuman();
    }

    /** True when, after the customer's message, people have the conversation (the turn handed it off). */
    private static boolean handedOff(PassiveReplies sink, InboundMessage m) {
        return sink.conversation(WeChatConfig.CHANNEL, m.customerId())
                .map(PassiveReplies.ConversationStatus::withHumans).orElse(false);
    }

    /** Which of WeChat's deliveries of one message this is (1 for the first), remembered until {@link #forget}. */
    private int countDelivery(Receipt receipt) {
        synchronized (deliveries) {
            int delivery = receipt.duplicate() ? deliveries.getOrDefault(receipt.inboundId(), 1) + 1 : 1;
            deliveries.put(receipt.inboundId(), delivery);
            return delivery;
        }
    }

    private WebhookResponse verifyUrl(WebhookRequest request) {
        String echostr = request.queryParam("echostr").orElse(null);
        if (echostr == null) {
            return WebhookResponse.badRequest("echostr missing");
        }
        String timestamp = request.queryParam("timestamp").orElse("");
        if (!WxSignature.matches(request.queryParam("signature").orElse(null), config.token(), timestamp,
                request.queryParam("nonce").orElse(""))) {
            log.warn("wechat: URL verification with a bad signature");
            return WebhookResponse.unauthorized("bad signature");
        }
        if (!window.accepts(timestamp)) {
            log.warn("wechat: URL verification with a timestamp outside the signature window refused");
            return WebhookResponse.unauthorized("expired signature");
        }
        return WebhookResponse.ok(echostr);
    }

    /** Verifies, decrypts and parses the body; throws a ready error response otherwise. */
    private Inbound read(WebhookRequest request) throws Refused {
        String timestamp = request.queryParam("timestamp").orElse("");
        String nonce = request.queryParam("nonce").orElse("");
        Optional<String> signature = request.queryParam("signature");
        boolean encrypted = request.queryParam("encrypt_type").map("aes"::equalsIgnoreCase).orElse(false);
        if (!encrypted || signature.isPresent()) {
            if (!WxSignature.matches(signature.orElse(null), config.token(), timestamp, nonce)) {
                log.warn("wechat: message with a bad signature refused");
                throw new Refused(WebhookResponse.unauthorized("bad signature"));
            }
        }
        if (!window.accepts(timestamp)) {
            log.warn("wechat: message with a timestamp outside the signature window refused");
            throw new Refused(WebhookResponse.unauthorized("expired signature"));
        }
        if (!encrypted && crypt != null) {
            log.warn("wechat: unencrypted message refused: encoding-aes-key is set, so only encrypted messages count");
            throw new Refused(WebhookResponse.forbidden("encrypted messages only (encrypt_type=aes)"));
        }
        JsonNode outer = parse(request.body());
        if (!encrypted) {
            return new Inbound(outer, false, nonce, signature.orElseThrow());
        }
        if (crypt == null) {
            log.warn("wechat: encrypted message but no encoding-aes-key configured");
            throw new Refused(WebhookResponse.badRequest("safe mode is not configured"));
        }
        String encrypt = SafeXml.text(outer, "Encrypt")
                .orElseThrow(() -> new Refused(WebhookResponse.badRequest("Encrypt missing")));
        try {
            String plain = crypt.verifyAndDecrypt(request.queryParam("msg_signature").orElse(null), timestamp, nonce,
                    encrypt);
            return new Inbound(parse(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, nonce, null);
        } catch (WxCryptoException e) {
            log.warn("wechat: encrypted message refused: {}", e.reason());
            throw new Refused(switch (e.reason()) {
                case BAD_SIGNATURE -> WebhookResponse.unauthorized("bad signature");
                case WRONG_RECEIVER -> WebhookResponse.forbidden("not for this appid");
                case BAD_CIPHERTEXT, BAD_LENGTH -> WebhookResponse.badRequest("bad ciphertext");
            });
        }
    }

    private static JsonNode parse(byte[] body) throws Refused {
        try {
            return SafeXml.read(body);
        } catch (MalformedXmlException e) {
            throw new Refused(WebhookResponse.badRequest("malformed XML"));
        }
    }

    private WebhookResponse passive(Inbound inbound, InboundMessage m, Receipt receipt, PassiveReplies sink,
                                    long startedNanos, int delivery, Duration wait) {
        long id = receipt.inboundId();
        List<String> texts = new ArrayList<>();
        if (!receipt.duplicate()) {
            texts.addAll(takeOverflow(m.customerId()));
            texts.addAll(sink.claimPending(WeChatConfig.CHANNEL, m.customerId()).texts());
        }
        Claimed own = expectsAnswer(m.content())
                ? sink.awaitReplies(id, wait)
                : new Claimed(List.of(), true);
        texts.addAll(own.texts());
        if (!texts.isEmpty()) {
            forget(id);
            return replyText(inbound, m, String.join("\n\n", texts));
        }
        if (own.complete()) {
            forget(id);
            return WebhookResponse.ok("success");
        }
        if (delivery >= timing.deliveries()) {
            forget(id);
            log.info("wechat: answer to {} not ready by WeChat's last delivery; it goes out with the next message",
                    m.platformMessageId());
            return config.stillWorkingText().isBlank()
                    ? WebhookResponse.ok("success")
                    : replyText(inbound, m, config.stillWorkingText());
        }
        // Let WeChat's timeout pass without answering, so that it delivers the message again.
        holdUntil(startedNanos + timing.platformTimeout().toNanos());
        return WebhookResponse.ok("success");
    }

    private static boolean expectsAnswer(InboundContent content) {
        if (content instanceof InboundContent.Event e) {
            return e.kind() == InboundContent.EventKind.SUBSCRIBE;
        }
        return true;
    }

    private WebhookResponse replyText(Inbound inbound, InboundMessage m, String text) {
        List<String> parts = TextSplitter.byUtf8Bytes(text, MAX_TEXT_BYTES);
        if (parts.size() > 1) {
            overflow.computeIfAbsent(m.customerId(), k -> new ArrayDeque<>()).addAll(parts.subList(1, parts.size()));
        }
        return reply(inbound, ReplyXml.text(m.customerId(), account(m), now(), parts.get(0)));
    }

    private WebhookResponse reply(Inbound inbound, String xml) {
        if (inbound.encrypted && crypt != null) {
            return WebhookResponse.xml(crypt.encryptedReplyXml(xml, String.valueOf(now()), inbound.nonce));
        }
        return WebhookResponse.xml(xml);
    }

    private List<String> takeOverflow(String customerId) {
        Deque<String> q = overflow.remove(customerId);
        return q == null ? List.of() : List.copyOf(q);
    }

    private void forget(long inboundId) {
        synchronized (deliveries) {
            deliveries.remove(inboundId);
        }
    }

    private static String account(InboundMessage m) {
        return m.channelAccount() == null ? "" : m.channelAccount();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static void holdUntil(long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(remaining).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <K, V> Map<K, V> boundedMap(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * A verified request: the message XML (decrypted when it came encrypted), and for a plain-mode request the
     * signature that vouched for it.
     */
    private record Inbound(JsonNode xml, boolean encrypted, String nonce, String signature) {
    }

    private static final class Refused extends Exception {
        private final transient WebhookResponse response;

        Refused(WebhookResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
