/**
 * Help for the people at the desk that reads what happened before: the copilot's reply drafts for a conversation
 * ({@link dev.baton.inbox.assist.Copilot}), and the questions the bot could not answer, grouped by meaning
 * ({@link dev.baton.inbox.assist.KnowledgeGaps}). Both read earlier human answers ({@link
 * dev.baton.inbox.assist.HumanAnswers}) and compare questions through the core's
 * {@link dev.baton.core.knowledge.QuestionVectors}.
 */
package dev.baton.inbox.assist;
