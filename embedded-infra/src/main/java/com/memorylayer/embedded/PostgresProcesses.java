package com.memorylayer.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres processes of one data directory, as Linux's {@code /proc} shows them: every process whose executable
 * is a {@code postgres} binary and whose working directory is that data directory. The postmaster changes into its
 * data directory before it forks anything and every backend and helper inherits it, so this finds a postmaster and
 * all its children, and also the children a killed postmaster left behind — and nothing else: no other program runs
 * a binary called {@code postgres} in this directory. Where there is no {@code /proc} (not Linux) it finds nothing,
 * and Postgres' own pid-file check is all that stands.
 */
final class PostgresProcesses {

    private static final Logger log = LoggerFactory.getLogger(PostgresProcesses.class);
    private static final Path PROC = Path.of("/proc");

    private PostgresProcesses() {
    }

    static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The live processes running Postgres in {@code dataDirectory}, the postmaster first if it is among them. */
    static List<ProcessHandle> of(Path dataDirectory, long postmasterPid) {
        if (!supported()) {
            return List.of();
        }
        Path directory;
        try {
            directory = dataDirectory.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (runsPostgresIn(pid, directory)) {
                    ProcessHandle.of(pid).ifPresent(p -> found.add(p.pid() == postmasterPid ? 0 : found.size(), p));
                }
            }
        } catch (IOException e) {
            log.warn("could not list processes in /proc: {}", e.toString());
        }
        return found;
    }

    /** Whether {@code pid} is a live (not a zombie) Postgres process of {@code dataDirectory}. */
    static boolean runsPostgresIn(long pid, Path dataDirectory) {
        Path proc = PROC.resolve(Long.toString(pid));
        try {
            // Unreadable links (another user's process, or one that just ended) and zombies (no exe, no cwd) are not ours.
            boolean postgres = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString().equals("postgres");
            return postgres && Files.readSymbolicLink(proc.resolve("cwd")).equals(dataDirectory) && !isZombie(pid);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Whether a process is alive in the sense that matters here: not ended, and not a zombie. A killed postmaster
     * stays a zombie until whoever adopted it reaps it, and Postgres refuses to start while its pid file names a pid
     * that still answers signals, which a zombie does.
     */
    static boolean isAlive(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    private static boolean isZombie(long pid) {
        Path stat = PROC.resolve(Long.toString(pid)).resolve("stat");
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (comm) S ...": the command may hold spaces and parentheses, so read the state after the last ')'.
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            // Gone, or no /proc: ProcessHandle.isAlive() has the last word.
            return false;
        }
    }

    /**
     * Ends the Postgres processes of {@code dataDirectory}: SIGTERM (to the postmaster alone if it lives — it takes
     * its children down in order — else to each one a dead postmaster left), then SIGKILL to whatever is left after
     * {@code grace}. Returns once none is left, or throws if one outlives the SIGKILL.
     */
    static void end(Path dataDirectory, long postmasterPid, Duration grace) {
        List<ProcessHandle> processes = of(dataDirectory, postmasterPid);
        if (processes.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = processes.stream().filter(p -> p.pid() == postmasterPid).findFirst();
        log.warn("ending {} stale Postgres process(es) of {}: {}", processes.size(), dataDirectory,
                processes.stream().map(p -> Long.toString(p.pid())).toList());
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
        } else {
            processes.forEach(ProcessHandle::destroy);
        }
        if (awaitNone(dataDirectory, postmasterPid, grace)) {
            return;
        }
        List<ProcessHandle> left = of(dataDirectory, postmasterPid);
        log.warn("{} Postgres process(es) of {} outlived SIGTERM by {}; killing them", left.size(), dataDirectory, grace);
        left.forEach(ProcessHandle::destroyForcibly);
        if (!awaitNone(dataDirectory, postmasterPid, Duration.ofSeconds(10))) {
            throw new IllegalStateException("Postgres processes of " + dataDirectory + " outlived SIGKILL: "
                    + of(dataDirectory, postmasterPid).stream().map(p -> Long.toString(p.pid())).toList());
        }
    }

    private static boolean awaitNone(Path dataDirectory, long postmasterPid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!of(dataDirectory, postmasterPid).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while ending Postgres processes", e);
            }
        }
        return true;
    }
}
