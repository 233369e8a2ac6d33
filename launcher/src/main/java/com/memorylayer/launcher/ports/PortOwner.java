package com.memorylayer.launcher.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which process listens on a TCP port, read from Linux's {@code /proc}: the listening sockets' inodes from
 * {@code /proc/net/tcp} and {@code tcp6}, then the process whose open files include one of them. Best effort, for
 * the message only: elsewhere than Linux, or for another user's process without the rights to see its files, it
 * finds nothing and the message says less.
 */
final class PortOwner {

    /** A socket's state in {@code /proc/net/tcp}: {@code 0A} is LISTEN. */
    private static final String LISTEN = "0A";
    private static final int MAX_COMMAND_LENGTH = 200;
    private static final Path PROC = Path.of("/proc");

    private PortOwner() {
    }

    /** "pid 123 (postgres -D /srv/other/postgres ...)", if the listener can be seen. */
    static Optional<String> of(int port) {
        try {
            Set<String> inodes = listeningInodes(port);
            if (inodes.isEmpty()) {
                return Optional.empty();
            }
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, entry -> entry.getFileName().toString().matches("\\d+"))) {
                for (Path process : processes) {
                    if (holdsAny(process, inodes)) {
                        return Optional.of("pid " + process.getFileName() + command(process).map(c -> " (" + c + ")").orElse(""));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not readable: the message goes without the owner.
        }
        return Optional.empty();
    }

    private static Set<String> listeningInodes(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + hexPort)) {
                    inodes.add("socket:[" + fields[9] + "]");
                }
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path process, Set<String> inodes) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path file : files) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(file).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // Closed while we looked.
                }
            }
        } catch (IOException e) {
            // Gone, or not ours to look at.
        }
        return false;
    }

    private static Optional<String> command(Path process) {
        try {
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            if (command.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(command.length() > MAX_COMMAND_LENGTH ? command.substring(0, MAX_COMMAND_LENGTH) + "…" : command);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
