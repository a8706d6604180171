package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TriageSignals.ExplicitRequest;
import dev.baton.core.conversation.TriageSignals.IntentMatch;
import dev.baton.core.conversation.TriageSignals.Method;
import dev.baton.core.conversation.TriageSignals.Repetition;
import dev.baton.text.Language;
import dev.baton.text.PhraseMatcher;
import dev.baton.text.Texts;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes {@link TriageSignals} for one customer message, offline, before any LLM call.
 *
 * <p>The message is embedded once per {@link #analyze} and that vector is shared by the three similarity-based
 * signals (intent kNN, explicit request by similarity, repetition). Example utterances are embedded at construction;
 * earlier customer messages go through a small LRU keyed by their normalised text, so a conversation costs one model
 * call per turn. Explicit requests and intent keywords are negation-aware ("不要转人工" is not a request); explicit
 * requests also survive typos and homophones ({@link PhraseMatcher#bestTolerant}: "talk to a persn", "转人共"). A
 * message that is {@link SmallTalk} ("你是真人还是机器人", "thanks!") is never a request.
 *
 * <p>Thread-safe: one instance serves every conversation. Construction embeds all example utterances (about a second
 * with the in-process bge-small-zh model), so build it once in the composition root.
 */
public final class Triage {

    private final TriageConfig cfg;
    private final EmbeddingModel model;
    private final PhraseMatcher requestMatcher;
    private final PhraseMatcher personNouns;
    private final Map<String, PhraseMatcher> intentKeywords = new HashMap<>();
    private final ExampleIndex examples;
    private final SentimentScorer sentiment;
    private final EmbeddingCache cache;
    private final EmbeddingModel englishModel;
    private final EmbeddingCache englishCache;
    private final SmallTalk smallTalk = SmallTalk.defaults();

    /** Without the English sentence-embedding model: English sentiment by the words classifier (or the lexicon). */
    public Triage(TriageConfig cfg, EmbeddingModel model) {
        this(cfg, model, null);
    }

    /**
     * @param model        the embedding model for intents, explicit requests and repetition (bge-small-zh in the app)
     * @param englishModel the English sentence-embedding model (bge-small-en-v1.5, 384 dimensions) the embedding
     *                     classifier was trained with, asked for the English messages the words classifier is unsure
     *                     of when {@link TriageConfig#needsEnglishModel()} (Chinese text never goes through it);
     *                     null: the words classifier answers every English message
     */
    public Triage(TriageConfig cfg, EmbeddingModel model, EmbeddingModel englishModel) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.model = Objects.requireNonNull(model, "model");
        this.requestMatcher = new PhraseMatcher(cfg.requestKeywords(), cfg.requestPatterns(), cfg.negationCues());
        this.personNouns = new PhraseMatcher(cfg.requestNouns(), List.of(), cfg.negationCues());
        for (TriageConfig.IntentDefinition intent : cfg.intents()) {
            if (!intent.keywords().isEmpty() || !intent.patterns().isEmpty()) {
                intentKeywords.put(intent.name(),
                        new PhraseMatcher(intent.keywords(), intent.patterns(), cfg.negationCues()));
            }
        }
        this.examples = new ExampleIndex(cfg.intents(), model);
        this.sentiment = new SentimentScorer(cfg.sentiment(), englishModel == null || !cfg.needsEnglishModel() ? null
                : text -> Vectors.unit(englishModel.embed(text).content().vector()));
        this.cache = new EmbeddingCache(cfg.embeddingCacheSize());
        this.englishModel = englishModel;
        this.englishCache = new EmbeddingCache(cfg.embeddingCacheSize());
    }

    /** The configuration this instance was built with. */
    public TriageConfig config() {
        return cfg;
    }

    /** Signals for one message. Never throws for odd text; an empty message yields neutral, empty signals. */
    public TriageSignals analyze(TriageInput in) {
        long start = System.nanoTime();
        String norm = Texts.normalise(in.text());
        String language = Language.detect(in.text(), in.languageHint());
        if (norm.isEmpty()) {
            return new TriageSignals(language, ExplicitRequest.none(),
                    new TriageSignals.Sentiment(TriageSignals.Polarity.NEUTRAL, 0.0), null, Repetition.none(),
                    micros(start));
        }
        SmallTalk.Reading reading = smallTalk.read(in.text());
        // the text as the knowledge search embeds it (without small-talk clauses: "hi, where is my order?" is searched
        // as "where is my order?"), so that a shared caching model embeds it once per turn
        String searched = reading.isSmallTalk() ? in.text() : reading.content();
        float[] vector = cache.get(Texts.dense(searched), this::embed);

        IntentMatch intent = intent(norm, vector);
        // small talk is never a request: "你是真人还是机器人" asks what the bot is, not for a person
        ExplicitRequest request = reading.isSmallTalk() ? ExplicitRequest.none() : explicitRequest(norm, vector);
        Repetition repetition = repetition(norm, vector, in.earlierCustomerMessages(),
                Language.EN.equals(Language.detect(in.text())) ? in.text() : null);
        TriageSignals.Sentiment s = Fury.mark(sentiment.score(norm), in.text());
        return new TriageSignals(language, request, s, intent, repetition, micros(start), reading.kind());
    }

    private ExplicitRequest explicitRequest(String norm, float[] vector) {
        PhraseMatcher.Hit hit = requestMatcher.bestTolerant(norm);
        if (hit != null && !hit.negated()) {
            return new ExplicitRequest(true, method(hit), hit.matched(), 1.0, false);
        }
        ExampleIndex.Nearest near = examples.nearestOf(cfg.requestIntent(), vector);
        boolean similar = near != null && near.similarity() >= cfg.requestSimilarity();
        if (hit != null) {
            return new ExplicitRequest(false, method(hit), hit.matched(), 1.0, true);
        }
        if (!similar && near != null && near.similarity() >= cfg.requestWeakSimilarity()) {
            PhraseMatcher.Hit noun = personNouns.bestTolerant(norm);
            similar = noun != null && !noun.negated();
        }
        if (similar) {
            boolean negated = requestMatcher.anyCue(norm);
            return new ExplicitRequest(!negated, Method.SIMILARITY, near.example(), round(near.similarity()), negated);
        }
        return ExplicitRequest.none();
    }

    private IntentMatch intent(String norm, float[] vector) {
        for (TriageConfig.IntentDefinition def : cfg.intents()) {
            PhraseMatcher m = intentKeywords.get(def.name());
            if (m != null) {
                PhraseMatcher.Hit hit = m.best(norm);
                if (hit != null && !hit.negated()) {
                    return new IntentMatch(def.name(), 1.0, method(hit), hit.matched());
                }
            }
        }
        ExampleIndex.Nearest best = examples.classify(vector, cfg.intentK());
        if (best == null || best.similarity() < cfg.intentThreshold()) {
            return null;
        }
        return new IntentMatch(best.intent(), round(best.similarity()), Method.SIMILARITY, best.example());
    }

    /**
     * Whether the message repeats an earlier one: the same text, or a similar one by the Chinese model; two English
     * messages by the English model when there is one ({@code english} is the current message when it is English).
     */
    private Repetition repetition(String norm, float[] vector, List<String> earlier, String english) {
        String key = Texts.compact(norm);
        if (key.length() < cfg.repetitionMinChars() || earlier.isEmpty()) {
            return Repetition.none();
        }
        double bestSim = 0;
        int bestIdx = -1;
        boolean bestEnglish = false;
        boolean exact = false;
        for (int i = earlier.size() - 1; i >= 0; i--) {
            String prev = Texts.normalise(earlier.get(i));
            String prevKey = Texts.compact(prev);
            if (prevKey.length() < cfg.repetitionMinChars()) {
                continue;
            }
            if (prevKey.equals(key)) {
                return new Repetition(true, 1.0, i, true);
            }
            boolean bothEnglish = english != null && englishModel != null
                    && Language.EN.equals(Language.detect(earlier.get(i)));
            double sim = bothEnglish ? englishSimilarity(english, earlier.get(i))
                    : Vectors.dot(vector, cache.get(Texts.dense(earlier.get(i)), this::embed));
            if (sim > bestSim) {
                bestSim = sim;
                bestIdx = i;
                bestEnglish = bothEnglish;
            }
        }
        double threshold = bestEnglish ? cfg.repetitionThresholdEnglish() : cfg.repetitionThreshold();
        return new Repetition(bestSim >= threshold, round(bestSim), bestIdx, exact);
    }

    /** Two English messages by the English model (the margin of {@link TriageConfig#repetitionThresholdEnglish}). */
    private double englishSimilarity(String current, String earlier) {
        return Vectors.dot(englishCache.get(Texts.dense(current), this::embedEnglish),
                englishCache.get(Texts.dense(earlier), this::embedEnglish));
    }

    private float[] embedEnglish(String text) {
        return Vectors.unit(englishModel.embed(text).content().vector());
    }

    private static Method method(PhraseMatcher.Hit hit) {
        return hit.kind() == PhraseMatcher.Kind.PATTERN ? Method.PATTERN : Method.KEYWORD;
    }

    private float[] embed(String text) {
        return Vectors.unit(model.embed(text).content().vector());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }
}
