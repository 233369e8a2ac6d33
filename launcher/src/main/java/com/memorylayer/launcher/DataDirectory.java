package com.memorylayer.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev platform's data directory, readable by its owner alone: Kafka's segments under it hold every memory in
 * clear, and files there are written with the process' umask, which commonly lets everyone read them. Closing the
 * directory covers everything beneath it, whatever each file's own mode.
 */
final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or takes group and others' access away from one made before. */
    static Path prepare(Path directory) {
        Path absolute = directory.toAbsolutePath();
        try {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createDirectories(absolute);
            }
            if (!Files.exists(absolute)) {
                // Made with its mode, never readable by others even for a moment.
                Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(absolute);
            if (!current.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(absolute, OWNER_ONLY);
                log.info("{} was {}; made it {} (it holds every memory in clear)", absolute,
                        PosixFilePermissions.toString(current), PosixFilePermissions.toString(OWNER_ONLY));
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + absolute, e);
        }
    }
}
