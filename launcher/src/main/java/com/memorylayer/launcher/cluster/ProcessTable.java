package com.memorylayer.launcher.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code .memorylayer-cluster/processes.json}: {@code {"name": pid}} of every member, kept current by whoever starts
 * a member ({@code cluster up}, {@code cluster start NAME} from another shell, or {@link LocalCluster}). Updates
 * are read-modify-write under a file lock, so two launchers never lose each other's pid.
 */
final class ProcessTable {

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)");

    private final Path file;
    private final Path lock;

    ProcessTable(Path home) {
        this.file = home.resolve("processes.json");
        this.lock = home.resolve("processes.lock");
    }

    Path file() {
        return file;
    }

    /** The pids as last written, in member order. */
    synchronized Map<String, Long> read() {
        return locked(() -> parse());
    }

    synchronized void put(String name, long pid) {
        locked(() -> {
            Map<String, Long> pids = parse();
            pids.put(name, pid);
            write(pids);
            return null;
        });
    }

    synchronized void clear() {
        locked(() -> {
            write(Map.of());
            return null;
        });
    }

    private Map<String, Long> parse() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return pids;
        }
        try {
            Matcher matcher = ENTRY.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                pids.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(Map<String, Long> pids) {
        String json = pids.entrySet().stream().map(e -> "  \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        try {
            Path temporary = file.resolveSibling("processes.json.tmp");
            Files.writeString(temporary, pids.isEmpty() ? "{}\n" : json, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lock, e);
        }
    }
}
