package com.memorylayer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a dead owner left in a kept data directory, so the cluster starts: a postmaster whose launcher was
 * killed (it runs on, owned by no one, holding the port and the pid file), the children of a killed postmaster
 * (they hold its shared memory, and Postgres refuses to start beside them), and a pid file naming a dead or zombie
 * postmaster (Postgres refuses while a zombie answers signals).
 *
 * <p>Whether a live owner exists is decided by the lock every {@link EmbeddedPostgresServer} holds on
 * {@value #LOCK_FILE} for as long as it runs (zonky takes it; the kernel drops it when the owning process dies):
 * if another process holds it, nothing is touched.
 */
final class StalePostgres {

    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);

    private StalePostgres() {
    }

    /**
     * Before a start: ends the processes of a cluster whose owner is gone. @throws IllegalStateException when a live
     * process (another launcher, say) owns the data directory
     */
    static void clearOwnerless(Path dataDirectory, Duration grace) {
        if (!Files.exists(dataDirectory.resolve(PID_FILE))) {
            return;
        }
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException(dataDirectory + " is in use by another process"
                        + holder(lockFile).map(pid -> " (pid " + pid + ")").orElse("")
                        + ": is another launcher running on this data directory? Stop it first");
            }
            // Held while the processes are ended, so no other start can race this one; released before zonky takes it.
            clearDeadServer(dataDirectory, grace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /**
     * With the data directory known to be ours (locked, or its server ours and dead): ends every Postgres process
     * in it, then removes the lock files that name its postmaster if that is dead or a zombie — the pid file and
     * its socket's lock file, each of which makes Postgres refuse to start while the pid in it answers signals.
     */
    static void clearDeadServer(Path dataDirectory, Duration grace) {
        Optional<PidFile> pidFile = PidFile.in(dataDirectory);
        long postmaster = pidFile.map(PidFile::pid).orElse(-1L);
        PostgresProcesses.end(dataDirectory, postmaster, grace);
        // Only now, with no process of the cluster left, are the lock files' interlocks moot (Postgres still finds a
        // shared memory segment in use by itself). A pid of a live process that is not ours (reused after a reboot)
        // is left for Postgres to judge.
        boolean dead = postmaster <= 0 || ProcessHandle.of(postmaster).map(p -> !PostgresProcesses.isAlive(p)).orElse(true);
        if (pidFile.isEmpty() || !dead || !PostgresProcesses.supported()) {
            return;
        }
        pidFile.get().socketLockFile()
                .filter(lock -> PidFile.read(lock).filter(l -> l.pid() == postmaster && l.names(dataDirectory)).isPresent())
                .ifPresent(StalePostgres::delete);
        delete(dataDirectory.resolve(PID_FILE));
        log.info("removed the lock files of postmaster {} of {}, which is gone", postmaster, dataDirectory);
    }

    /** The pid on the first line of the data directory's {@value #PID_FILE}, if there is one. */
    static Optional<Long> postmasterPid(Path dataDirectory) {
        return PidFile.in(dataDirectory).map(PidFile::pid);
    }

    /**
     * A Postgres lock file: the data directory's {@value #PID_FILE} or a socket's {@code .s.PGSQL.<port>.lock},
     * which begin alike — the postmaster's pid, its data directory, its start time, then (the pid file only) its
     * port and socket directory.
     */
    private record PidFile(long pid, List<String> lines) {

        static Optional<PidFile> in(Path dataDirectory) {
            return read(dataDirectory.resolve(PID_FILE));
        }

        static Optional<PidFile> read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return lines.isEmpty() ? Optional.empty() : Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), lines));
            } catch (IOException | NumberFormatException e) {
                // Absent, or caught half-written by a starting postmaster.
                return Optional.empty();
            }
        }

        boolean names(Path dataDirectory) {
            if (lines.size() < 2) {
                return false;
            }
            Path named = Path.of(lines.get(1).trim());
            try {
                return named.equals(dataDirectory) || named.toRealPath().equals(dataDirectory.toRealPath());
            } catch (IOException e) {
                return false;
            }
        }

        Optional<Path> socketLockFile() {
            if (lines.size() < 5 || lines.get(4).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(Path.of(lines.get(4).trim()).resolve(".s.PGSQL." + lines.get(3).trim() + ".lock"));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** Who holds the lock on {@code lockFile}, as {@code /proc/locks} tells (POSIX locks name their process). */
    private static Optional<Long> holder(Path lockFile) {
        try {
            long inode = (Long) Files.getAttribute(lockFile, "unix:ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] fields = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 4242 08:01:131090 0 EOF"
                if (fields.length >= 6 && fields[5].endsWith(":" + inode) && !fields[4].equals("-1")) {
                    return Optional.of(Long.parseLong(fields[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no such attribute: the message goes without the pid.
        }
        return Optional.empty();
    }
}
