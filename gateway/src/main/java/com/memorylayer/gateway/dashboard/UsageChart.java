package com.memorylayer.gateway.dashboard;

import com.memorylayer.gateway.activity.UsageWindows.UsageWindow;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of requests per window, laid out on the server as SVG geometry: the page needs no script, which
 * the content security policy would have to allow. Errors are drawn as the lower, darker part of each bar.
 */
record UsageChart(int width, int height, long max, List<Bar> bars) {

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    private static final int GAP = 2;

    /** One window's bar; {@code errorHeight} is the part answered 4xx or 5xx. */
    record Bar(double x, double y, double width, double height, double errorHeight, String label, long requests) {
    }

    static UsageChart of(List<UsageWindow> windows, String granularity) {
        long max = windows.stream().mapToLong(UsageWindow::requests).max().orElse(0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("day".equals(granularity) ? "yyyy-MM-dd" : "MM-dd HH:mm")
                .withZone(ZoneOffset.UTC);
        List<Bar> bars = new ArrayList<>();
        double slot = windows.isEmpty() ? 0 : (double) WIDTH / windows.size();
        for (int i = 0; i < windows.size(); i++) {
            UsageWindow w = windows.get(i);
            double h = max == 0 ? 0 : HEIGHT * (double) w.requests() / max;
            double errors = max == 0 ? 0 : HEIGHT * (double) (w.clientErrors() + w.serverErrors()) / max;
            bars.add(new Bar(i * slot, HEIGHT - h, Math.max(1, slot - GAP), h, errors, format.format(w.windowStart()),
                    w.requests()));
        }
        return new UsageChart(WIDTH, HEIGHT, max, bars);
    }
}
