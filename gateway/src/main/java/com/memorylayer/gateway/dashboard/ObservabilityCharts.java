package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.observability.TrafficPoint;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The observability page's three charts — latency (p50 and p95 lines), volume and errors (bars) — laid out on the
 * server as SVG geometry, like {@link UsageChart}: no script, which the content security policy would have to allow.
 * Each chart is scaled to its own peak; a step with no audited call leaves a gap in the latency lines.
 */
record ObservabilityCharts(int width, int height, List<Line> p50, List<Line> p95, List<Dot> p50Dots, List<Dot> p95Dots,
        double peakLatencyMs,
        List<Bar> volume, long peakRequests, List<Bar> errors, long peakErrors, String from, String to) {

    static final int WIDTH = 720;
    static final int HEIGHT = 160;
    private static final int GAP = 2;
    private static final int PAD = 6;

    /** One segment of a latency line, between two steps that both had audited calls. */
    record Line(double x1, double y1, double x2, double y2) {
    }

    /** One step's latency, a dot on its line: a step between two quiet ones has no segment to show it. */
    record Dot(double cx, double cy, String label) {
    }

    /** One step's bar; {@code label} is its tooltip. */
    record Bar(double x, double y, double width, double height, String label) {
    }

    static ObservabilityCharts of(List<TrafficPoint> points) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
        double slot = points.isEmpty() ? 0 : (double) WIDTH / points.size();
        double peakLatency = points.stream().map(TrafficPoint::p95Ms).filter(v -> v != null).mapToDouble(Double::doubleValue)
                .max().orElse(0);
        long peakRequests = points.stream().mapToLong(TrafficPoint::requests).max().orElse(0);
        long peakErrors = points.stream().mapToLong(TrafficPoint::errors).max().orElse(0);
        return new ObservabilityCharts(WIDTH, HEIGHT, lines(points, slot, peakLatency, true),
                lines(points, slot, peakLatency, false), dots(points, slot, peakLatency, true, format),
                dots(points, slot, peakLatency, false, format), peakLatency,
                bars(points, slot, peakRequests, TrafficPoint::requests, "requests", format), peakRequests,
                bars(points, slot, peakErrors, TrafficPoint::errors, "errors", format), peakErrors,
                points.isEmpty() ? "" : format.format(points.getFirst().start()),
                points.isEmpty() ? "" : format.format(points.getLast().start()));
    }

    private static List<Line> lines(List<TrafficPoint> points, double slot, double peak, boolean median) {
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Double from = median ? points.get(i - 1).p50Ms() : points.get(i - 1).p95Ms();
            Double to = median ? points.get(i).p50Ms() : points.get(i).p95Ms();
            if (from != null && to != null && peak > 0) {
                lines.add(new Line((i - 0.5) * slot, y(from, peak), (i + 0.5) * slot, y(to, peak)));
            }
        }
        return lines;
    }

    private static List<Dot> dots(List<TrafficPoint> points, double slot, double peak, boolean median, DateTimeFormatter format) {
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Double v = median ? points.get(i).p50Ms() : points.get(i).p95Ms();
            if (v != null && peak > 0) {
                dots.add(new Dot((i + 0.5) * slot, y(v, peak), format.format(points.get(i).start()) + ": "
                        + (median ? "p50 " : "p95 ") + String.format(Locale.ROOT, "%.1f", v) + " ms"));
            }
        }
        return dots;
    }

    private static List<Bar> bars(List<TrafficPoint> points, double slot, long peak, ToLongFunction<TrafficPoint> value,
            String unit, DateTimeFormatter format) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            long v = value.applyAsLong(points.get(i));
            double h = peak == 0 ? 0 : HEIGHT * (double) v / peak;
            bars.add(new Bar(i * slot, HEIGHT - h, Math.max(1, slot - GAP), h, format.format(points.get(i).start()) + ": " + v + " " + unit));
        }
        return bars;
    }

    /** A latency's height, kept {@link #PAD} inside the chart so the peak's dot is not cut in half by the edge. */
    private static double y(double value, double peak) {
        return PAD + (HEIGHT - 2 * PAD) * (1 - value / peak);
    }
}
