package dev.baton.inbox.http;

import dev.baton.inbox.analytics.DeskAnalytics;
import dev.baton.inbox.analytics.DeskReport;
import dev.baton.inbox.analytics.ReportCsv;
import dev.baton.inbox.analytics.ReportQuery;
import dev.baton.inbox.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * The desk's analytics for a date range, with filters, as JSON and as CSV tables (supervisor only):
 * <pre>
 * GET /api/analytics/report?from=2026-03-01&amp;to=2026-03-31&amp;tz=Asia/Shanghai&amp;channel=&amp;group=&amp;agent=
 *     (or days=7 instead of from/to: the last 7 days up to today in tz; default 7 days, zone UTC)
 * GET /api/analytics/csv/{table}?same parameters     text/csv, table: reasons, daily, weekly, channels, groups,
 *     agents, csat-agents, csat-groups, csat-reasons, csat-channels
 * </pre>
 */
public final class AnalyticsReportRoutes implements Consumer<Javalin> {

    /** Marks the file as UTF-8 for spreadsheets (Excel reads Chinese labels right only with it). */
    private static final String BOM = "\uFEFF";

    private final InboxAuth auth;
    private final DeskAnalytics analytics;
    private final Clock clock;

    public AnalyticsReportRoutes(InboxAuth auth, DeskAnalytics analytics, Clock clock) {
        this.auth = auth;
        this.analytics = analytics;
        this.clock = clock;
    }

    @Override
    public void accept(Javalin app) {
        app.get("/api/analytics/report", this::report);
        app.get("/api/analytics/csv/{table}", this::csv);
    }

    private void report(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        ctx.json(analytics.report(query(ctx)));
    }

    private void csv(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR);
        String name = ctx.pathParam("table");
        ReportCsv.Table table = ReportCsv.Table.of(name).orElseThrow(() -> new ApiError(404, "no table " + name
                + " (reasons, daily, weekly, channels, groups, agents, csat-agents, csat-groups, csat-reasons, "
                + "csat-channels)"));
        ReportQuery q = query(ctx);
        DeskReport report = analytics.report(q);
        ctx.header("Content-Disposition", "attachment; filename=\"baton-" + table.key() + "-" + q.from() + "-"
                + q.to() + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(BOM + ReportCsv.render(report, table));
    }

    private ReportQuery query(Context ctx) {
        ZoneId zone;
        try {
            String tz = ctx.queryParam("tz");
            zone = tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw ApiError.badRequest("tz must be a time zone such as Asia/Shanghai or UTC");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate from;
        LocalDate to;
        String days = ctx.queryParam("days");
        if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
            from = date(ctx, "from", today);
            to = date(ctx, "to", today);
        } else {
            int n;
            try {
                n = days == null ? 7 : Integer.parseInt(days.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("days must be a number");
            }
            if (n < 1 || n > ReportQuery.MAX_DAYS) {
                throw ApiError.badRequest("days must be between 1 and " + ReportQuery.MAX_DAYS);
            }
            from = today.minusDays(n - 1L);
            to = today;
        }
        try {
            return new ReportQuery(from, to, zone, ctx.queryParam("channel"), ctx.queryParam("group"),
                    ctx.queryParam("agent"), Requests.chosenLanguage(ctx));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name + " must be a date such as 2026-03-01");
        }
    }
}
