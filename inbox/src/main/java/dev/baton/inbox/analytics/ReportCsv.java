package dev.baton.inbox.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's tables as CSV (RFC 4180: comma, CRLF, quotes doubled), one per {@link Table}: what a supervisor takes
 * into a spreadsheet. Headers are stable English column names; labels are in the caller's language next to the codes.
 * Times are seconds; an empty cell means no data.
 */
public final class ReportCsv {

    /** The tables, by the name used in {@code /api/analytics/csv/{table}}. */
    public enum Table {
        REASONS, DAILY, WEEKLY, CHANNELS, GROUPS, AGENTS, CSAT_AGENTS, CSAT_GROUPS, CSAT_REASONS, CSAT_CHANNELS;

        /** {@code csat-agents} for CSAT_AGENTS. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Table> of(String key) {
            return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
        }
    }

    private ReportCsv() {
    }

    /** The table of {@code report} as CSV text (the header first). */
    public static String render(DeskReport report, Table table) {
        List<List<Object>> rows = new ArrayList<>();
        switch (table) {
            case REASONS -> {
                rows.add(List.of("reason", "label", "handoffs", "share_of_handoffs", "rate_of_conversations"));
                report.reasons().forEach(r -> rows.add(List.of(r.code(), r.label(), r.handoffs(), r.share(),
                        r.rate())));
            }
            case DAILY, WEEKLY -> {
                rows.add(List.of(table == Table.DAILY ? "day" : "week_starting", "conversations", "handoffs",
                        "contained", "decided_contacts", "ratings", "csat_average"));
                (table == Table.DAILY ? report.daily() : report.weekly()).forEach(p -> rows.add(cells(p.start(),
                        p.conversations(), p.handoffs(), p.contained(), p.decided(), p.ratings(), p.csatAverage())));
            }
            case CHANNELS, GROUPS, AGENTS -> {
                String key = table.key().substring(0, table.key().length() - 1);
                rows.add(List.of(key, "conversations", "handoffs", "handoff_rate", "containment_rate",
                        "first_response_p50_s", "first_response_p90_s", "resolution_p50_s", "resolution_p90_s",
                        "ratings", "csat_average"));
                List<DeskReport.BreakdownRow> source = table == Table.CHANNELS ? report.byChannel()
                        : table == Table.GROUPS ? report.byGroup() : report.byAgent();
                source.forEach(b -> rows.add(cells(b.key(), b.conversations(), b.handoffs(), b.handoffRate(),
                        b.containmentRate(), b.firstResponse().p50(), b.firstResponse().p90(), b.resolution().p50(),
                        b.resolution().p90(), b.ratings(), b.csatAverage())));
            }
            default -> csat(report.csat(), table, rows);
        }
        StringBuilder sb = new StringBuilder();
        for (List<Object> row : rows) {
            sb.append(String.join(",", row.stream().map(ReportCsv::cell).toList())).append("\r\n");
        }
        return sb.toString();
    }

    private static void csat(DeskReport.Csat csat, Table table, List<List<Object>> rows) {
        String key = switch (table) {
            case CSAT_AGENTS -> "agent";
            case CSAT_GROUPS -> "group";
            case CSAT_REASONS -> "reason";
            default -> "channel";
        };
        Function<DeskReport.Csat, List<DeskReport.CsatRow>> pick = switch (table) {
            case CSAT_AGENTS -> DeskReport.Csat::byAgent;
            case CSAT_GROUPS -> DeskReport.Csat::byGroup;
            case CSAT_REASONS -> DeskReport.Csat::byReason;
            default -> DeskReport.Csat::byChannel;
        };
        rows.add(List.of(key, "label", "ratings", "average", "score_1", "score_2", "score_3", "score_4", "score_5"));
        for (DeskReport.CsatRow r : pick.apply(csat)) {
            List<Object> row = cells(r.key(), r.label(), r.ratings(), r.average());
            row.addAll(r.distribution());
            rows.add(row);
        }
    }

    /** A row that may hold nulls (empty cells). */
    private static List<Object> cells(Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? "" : v);
        }
        return out;
    }

    /** A cell, quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is made inert. */
    static String cell(Object value) {
        String s = String.valueOf(value);
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
