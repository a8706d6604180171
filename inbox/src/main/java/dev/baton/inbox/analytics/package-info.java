/**
 * The desk's analytics, computed on demand: {@link dev.baton.inbox.analytics.Analytics} (the rolling handoff numbers
 * of {@code /api/analytics}) and {@link dev.baton.inbox.analytics.DeskAnalytics} (a date range with filters: handoff
 * rate and reasons, bot containment, first response and resolution times, CSAT, per day and week, per channel, group
 * and agent; as CSV by {@link dev.baton.inbox.analytics.ReportCsv}).
 */
package dev.baton.inbox.analytics;
