package com.memorylayer.gateway.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One horizontal bar chart of the status page, laid out on the server as SVG geometry like the other dashboard
 * charts: a row per label, its bar scaled to the chart's peak (counts) or to 1 (shares, drawn over a grey track).
 */
record StatsChart(String id, String title, int width, int height, List<Row> rows) {

    static final int WIDTH = 560;
    private static final int LABEL_WIDTH = 150;
    private static final int VALUE_WIDTH = 70;
    private static final int ROW = 24;
    private static final int BAR = 16;

    /** A row: its label and value as text, its bar and its track (the whole length a bar could take). */
    record Row(String label, String value, double y, double textY, double barX, double barWidth, double trackWidth) {
    }

    /** Counts per label, in the order given, scaled to the largest. */
    static StatsChart counts(String id, String title, Map<String, Integer> counts) {
        int peak = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Row> rows = new ArrayList<>();
        counts.forEach((label, count) -> rows.add(row(rows.size(), label, String.valueOf(count), peak == 0 ? 0 : (double) count / peak)));
        return new StatsChart(id, title, WIDTH, Math.max(ROW, rows.size() * ROW), rows);
    }

    /** Shares from 0 to 1 per label, each drawn against the whole. */
    static StatsChart shares(String id, String title, Map<String, Double> shares) {
        List<Row> rows = new ArrayList<>();
        shares.forEach((label, share) -> rows.add(row(rows.size(), label,
                String.format(Locale.ROOT, "%.0f%%", 100 * share), Math.max(0, Math.min(1, share)))));
        return new StatsChart(id, title, WIDTH, Math.max(ROW, rows.size() * ROW), rows);
    }

    private static Row row(int index, String label, String value, double fraction) {
        double track = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        double y = index * ROW + (ROW - BAR) / 2.0;
        return new Row(label, value, y, index * ROW + ROW / 2.0 + 4, LABEL_WIDTH, Math.round(track * fraction * 10) / 10.0, track);
    }

    /** Where a row's value is written: after the longest bar. */
    public double valueX() {
        return WIDTH - VALUE_WIDTH + 6;
    }
}
