package com.memorylayer.launcher.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How one member of the local cluster is started: its command line, its environment (the only settings it gets),
 * and the file its output goes to. Kept on disk under {@code .memorylayer-cluster/members/}, so that
 * {@code ./memorylayer cluster start NAME} from another shell starts a stopped member exactly as it first ran.
 */
public record MemberSpec(String name, List<String> command, Map<String, String> environment, Path log) {

    public MemberSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * Starts the member as a process of its own, in the background, its output appended to its log. Whatever
     * MEMORYLAYER_* variables the caller's shell has are left out: the spec alone decides what the member gets.
     */
    public Process launch() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("MEMORYLAYER_"));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.getFirst() + ")", e);
        }
    }

    void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("name", name);
        properties.setProperty("log", log.toString());
        for (int i = 0; i < command.size(); i++) {
            properties.setProperty("arg." + i, command.get(i));
        }
        new TreeMap<>(environment).forEach((key, value) -> properties.setProperty("env." + key, value));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            // Owner only: the environment holds the database password and the key hash secret.
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "How cluster member " + name + " is started (./memorylayer cluster start " + name + ")");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static MemberSpec load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; properties.containsKey("arg." + i); i++) {
            command.add(properties.getProperty("arg." + i));
        }
        Map<String, String> environment = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("env."))
                .forEach(key -> environment.put(key.substring("env.".length()), properties.getProperty(key)));
        return new MemberSpec(properties.getProperty("name"), command, environment, Path.of(properties.getProperty("log")));
    }
}
