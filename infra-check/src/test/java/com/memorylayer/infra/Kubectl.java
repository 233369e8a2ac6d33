package com.memorylayer.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code kubectl kustomize}, where kubectl is on the PATH: CI machines may not have it. */
final class Kubectl {

    private static Boolean available;

    private Kubectl() {
    }

    static synchronized boolean available() {
        if (available == null) {
            String path = System.getenv().getOrDefault("PATH", "");
            available = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                    .map(dir -> Path.of(dir, "kubectl")).anyMatch(Files::isExecutable);
        }
        return available;
    }

    /** The overlay (or base) rendered as kubectl would apply it. */
    static String kustomize(Path directory, long timeout, TimeUnit unit) {
        try {
            Path output = Files.createTempFile("kustomize-", ".yaml");
            Path errors = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + directory + " did not finish within " + timeout + " " + unit);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + directory + " failed: "
                            + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + directory, e);
        }
    }
}
