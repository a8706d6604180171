package dev.baton.core.engine;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;

import dev.baton.text.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer's earlier turns that the policy weighs: those after the last time a person (or the system, e.g. a
 * hand-back) spoke, with the signals stored for each, oldest first. Turns without readable signals are left out.
 *
 * @param texts           the earlier messages' texts (for repetition)
 * @param signals         their triage signals
 * @param knowledgeMisses for the earlier genuine questions only, whether the knowledge missed each: small talk and
 *                        messages without words ("A12345", "👍") are left out, so they neither count as a miss nor
 *                        break a run of misses ("有学生折扣吗" → "哦" → "团餐呢" is two misses in a row)
 */
record EarlierTurns(List<String> texts, List<TriageSignals> signals, List<Boolean> knowledgeMisses) {

    static EarlierTurns of(List<Message> history) {
        int start = 0;
        for (int i = 0; i < history.size(); i++) {
            Author a = history.get(i).author();
            if (a == Author.HUMAN || a == Author.SYSTEM) {
                start = i + 1;
            }
        }
        List<String> texts = new ArrayList<>();
        List<TriageSignals> signals = new ArrayList<>();
        List<Boolean> misses = new ArrayList<>();
        for (Message m : history.subList(start, history.size())) {
            if (!m.fromCustomer()) {
                continue;
            }
            texts.add(m.text());
            TurnSignals s = m.signals();
            if (s != null) {
                signals.add(s.triage());
                if (s.triage().smallTalk() == null && Texts.hasWords(m.text())) {
                    misses.add(s.knowledgeMiss());
                }
            }
        }
        return new EarlierTurns(texts, signals, misses);
    }
}
