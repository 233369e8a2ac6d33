package com.memorylayer.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went between two snapshots, from Linux's {@code /proc}: this JVM's threads by name
 * (native threads, such as ONNX Runtime's, carry the name of the thread that started them), the JVM's child
 * processes (the embedded Postgres), and everything else. Linux-only; elsewhere it reports nothing.
 */
public final class CpuByThread {

    private final Map<String, Long> ticksByThread;
    private final long childTicks;
    private final long machineBusyTicks;

    private CpuByThread(Map<String, Long> ticksByThread, long childTicks, long machineBusyTicks) {
        this.ticksByThread = ticksByThread;
        this.childTicks = childTicks;
        this.machineBusyTicks = machineBusyTicks;
    }

    public static CpuByThread snapshot() {
        Map<String, Long> threads = new HashMap<>();
        long children = 0;
        long busy = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String[] stat = afterName(Files.readString(task.resolve("stat")));
                    String name = Files.readString(task.resolve("comm")).strip();
                    threads.merge(task.getFileName() + " " + name, Long.parseLong(stat[11]) + Long.parseLong(stat[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between listing and reading.
                }
            }
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                try {
                    String[] stat = afterName(Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat")));
                    children += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                } catch (IOException | RuntimeException gone) {
                    // The process ended.
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) { // idle and iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new CpuByThread(Map.of(), 0, 0);
        }
        return new CpuByThread(threads, children, busy);
    }

    /** The fields after the {@code (name)} of a stat line, so index 11/12 are utime/stime. */
    private static String[] afterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    /** CPU seconds spent since {@code before}, grouped by thread name with digits folded, largest first. */
    public String since(CpuByThread before, int top) {
        double hz = 100.0; // USER_HZ on Linux
        Map<String, Long> byGroup = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : ticksByThread.entrySet()) {
            long delta = e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L);
            String group = e.getKey().substring(e.getKey().indexOf(' ') + 1).replaceAll("\\d+", "#");
            byGroup.merge(group, delta, Long::sum);
            total += delta;
        }
        long children = childTicks - before.childTicks;
        long machine = machineBusyTicks - before.machineBusyTicks;
        StringBuilder out = new StringBuilder(String.format("CPU seconds: machine busy %.1f; this JVM %.1f; its child processes"
                + " (Postgres) %.1f; other processes %.1f%n", machine / hz, total / hz, children / hz,
                (machine - total - children) / hz));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((group, ticks) -> out.append(String.format("  %6.1f s  %s%n", ticks / hz, group)));
        return out.toString();
    }
}
