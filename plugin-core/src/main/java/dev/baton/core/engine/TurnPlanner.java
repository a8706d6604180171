package dev.baton.core.engine;

import dev.baton.core.agent.AgentReply;
import dev.baton.core.agent.AgentRequest;
import dev.baton.core.agent.SupportAgent;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.handoff.Decision;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.lookup.LookupStep;
import dev.baton.core.lookup.LookupTurn;
import dev.baton.core.lookup.OfflineLookups;
import dev.baton.core.triage.SmallTalk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what the bot does with one turn, before anything is written: stay silent (a person has the conversation),
 * greet, answer (knowledge and the agent), or hand off (the decider's policy, or the agent asking for a person). Runs
 * outside any transaction, because the agent may call a model for seconds.
 *
 * <p>Small talk ("hi", "在吗", "thanks!", 👍, "are you a bot?") gets its short configured reply in the conversation's
 * language: it never reaches the knowledge or the agent, so it is neither an answer nor a miss; the policy still sees
 * it (a VIP is still a VIP). A message that asks something is searched without its small-talk clauses ("hi, where is
 * my order?" as "where is my order?") and, when it follows up on the last answered question, with that question
 * ({@link FollowUps}).
 *
 * <p>Business look-ups ("where is my order?") come after the policy and before the agent: a handoff the policy forces
 * (a refund, an account change) is never answered by a look-up. Without a model, {@link OfflineLookups} recognises
 * the look-up, asks for a missing value once, calls it and answers from its template; an agent that runs look-ups
 * itself (the LLM agent's tools) gets the turn instead, and the offline look-up answers only when the model was
 * unavailable.
 */
final class TurnPlanner {

    private final FollowUps knowledge;
    private final SmallTalk smallTalk;
    private final TurnDecider decider;
    private final SupportAgent agent;
    private final HandoffPolicy policy;
    private final EngineSettings settings;
    private final Function<Channel, ChannelLimits> limits;
    private final OfflineLookups lookups;

    /** @param limits each channel's limits; its {@code answerDeadline} caps how long the agent may take */
    TurnPlanner(KnowledgeSearch knowledge, SmallTalk smallTalk, TurnDecider decider, SupportAgent agent,
                HandoffPolicy policy, EngineSettings settings, Function<Channel, ChannelLimits> limits,
                OfflineLookups lookups) {
        this.lookups = lookups;
        this.knowledge = new FollowUps(knowledge);
        this.smallTalk = smallTalk;
        this.decider = decider;
        this.agent = agent;
        this.policy = policy;
        this.settings = settings;
        this.limits = limits;
    }

    Plan plan(InboundMessage msg, TurnContext ctx, String language) {
        InboundContent content = msg.content();
        if (content instanceof InboundContent.ServicerReply s) {
            return new Plan.Takeover(s.servicerId(), s.text());
        }
        if (content instanceof InboundContent.Rating || !ctx.conversation().state().botMaySpeak()) {
            return new Plan.Silent(); // a rating is recorded, never answered
        }
        if (content instanceof InboundContent.CallbackRequest) {
            return new Plan.Handoff(policy.requested(HandoffReason.CALLBACK,
                    "the customer left a message and asked to be contacted", ctx.customer().tier()), null, null);
        }
        if (content instanceof InboundContent.Event e) {
            if (e.kind() == InboundContent.EventKind.SUBSCRIBE || e.kind() == InboundContent.EventKind.ENTER_SESSION) {
                String lang = ctx.customer().language() != null ? ctx.customer().language() : "zh";
                return new Plan.Reply(List.of(settings.messages().welcome().in(lang)), null, null);
            }
            return new Plan.Silent();
        }
        if (content instanceof InboundContent.Reaction) {
            return new Plan.Silent();
        }
        if (content instanceof InboundContent.ButtonTap b && b.requestsHuman()) {
            return decide(ctx, language, "", true);
        }
        if ((content instanceof InboundContent.Media m && !m.hasUsableText())
                || content instanceof InboundContent.Contacts || content instanceof InboundContent.Unsupported) {
            return unsupported(ctx, language);
        }
        return content.text().isBlank() ? new Plan.Silent() : decide(ctx, language, content.text(), false);
    }

    private Plan unsupported(TurnContext ctx, String language) {
        if (settings.unsupportedMediaHandoff()) {
            return new Plan.Handoff(policy.requested(HandoffReason.UNSUPPORTED_MEDIA,
                    "the customer sent media the bot cannot read", ctx.customer().tier()), null, null);
        }
        return new Plan.Reply(List.of(settings.messages().unsupportedMedia().in(language)), null, null);
    }

    private Plan decide(TurnContext ctx, String language, String text, boolean button) {
        SmallTalk.Reading reading = button ? new SmallTalk.Reading(null, text) : smallTalk.read(text);
        List<KnowledgeAnswer> hits = reading.isSmallTalk() || reading.content().isBlank() ? List.of()
                : knowledge.search(reading.content(), settings.knowledgeTopK(), ctx.history(), language);
        TurnDecision decision = decider.decide(new TurnInput(ctx.conversation(), ctx.customer(), text, language,
                button, hits, ctx.history(), reading.kind()));
        if (decision.handsOff()) {
            return new Plan.Handoff(decision.handoff(), decision.signals(), null);
        }
        if (reading.isSmallTalk()) {
            return new Plan.Reply(List.of(settings.messages().smallTalk().reply(reading.kind()).in(language)), null,
                    decision.signals());
        }
        LookupTurn lookupTurn = new LookupTurn(ctx.conversation().id(), ctx.customer(), text, language,
                decision.signals().intentName(), ctx.history());
        if (!agent.runsLookups()) {
            Optional<LookupStep> step = lookups.step(lookupTurn);
            if (step.isPresent()) {
                return lookup(step.get(), decision.signals(), ctx);
            }
        }
        Duration deadline = limits.apply(ctx.conversation().channel()).answerDeadline();
        AgentReply reply = agent.answer(new AgentRequest(ctx.conversation().id(), text, language, hits, deadline,
                ctx.customer()));
        TurnSignals signals = decision.signals().withAgent(reply.knowledgeMiss(), reply.llmCalls(), reply.tokens())
                .withLookups(reply.lookups());
        if (reply.handoff() == HandoffReason.LLM_UNAVAILABLE && reply.lookups().isEmpty()) {
            Optional<LookupStep> step = lookups.step(lookupTurn); // the model is down: the look-up still answers
            if (step.isPresent()) {
                return lookup(step.get(), signals, ctx);
            }
        }
        if (reply.handoff() == HandoffReason.LOOKUP_FAILED) {
            return new Plan.Handoff(policy.requested(HandoffReason.LOOKUP_FAILED, reply.handoffNote(),
                    ctx.customer().tier()), signals, null);
        }
        if (reply.wantsHuman()) {
            Decision.Handoff handoff = policy.requested(reply.handoff(),
                    reply.handoff() == HandoffReason.LLM_UNAVAILABLE ? "the language model was unavailable"
                            : "the assistant decided a person should take over", ctx.customer().tier());
            return new Plan.Handoff(handoff, signals, reply.handoffNote());
        }
        return new Plan.Reply(List.of(reply.text()), reply.citation(), signals);
    }

    /** The plan of an offline look-up step: the question, the answer, or the handoff when it failed. */
    private Plan lookup(LookupStep step, TurnSignals before, TurnContext ctx) {
        TurnSignals signals = before.withLookups(List.of(step.trace()));
        if (step instanceof LookupStep.HandOff h) {
            return new Plan.Handoff(policy.requested(HandoffReason.LOOKUP_FAILED, h.detail(), ctx.customer().tier()),
                    signals, null);
        }
        String text = step instanceof LookupStep.Ask a ? a.text() : ((LookupStep.Answer) step).text();
        return new Plan.Reply(List.of(text), null, signals);
    }
}
