package com.memorylayer.retrieval.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileCacheTest {

    private static final String TOKENIZER = BgeModel.INT8.tokenizerResource();

    @TempDir
    Path directory;

    @Test
    void copiesAResourceOutOfTheClasspath() throws Exception {
        Path file = new ModelFileCache(directory).fileFor(TOKENIZER);

        assertThat(file).isRegularFile().hasParent(directory.toAbsolutePath());
        assertThat(Files.size(file)).isEqualTo(711_396);
    }

    @Test
    void reusesAnIntactCopyInsteadOfCopyingAgain() throws Exception {
        ModelFileCache cache = new ModelFileCache(directory);
        Path file = cache.fileFor(TOKENIZER);
        FileTime marker = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, marker);

        cache.fileFor(TOKENIZER);

        assertThat(Files.getLastModifiedTime(file)).isEqualTo(marker);
    }

    @Test
    void replacesACopyWhoseSizeDiffers() throws Exception {
        Files.writeString(directory.resolve(TOKENIZER), "{ truncated");

        Path file = new ModelFileCache(directory).fileFor(TOKENIZER);

        assertThat(Files.size(file)).isEqualTo(711_396);
        try (var leftovers = Files.list(directory)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void aMissingResourceIsReportedByName() {
        assertThatThrownBy(() -> new ModelFileCache(directory).fileFor("no-such-model.onnx"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-model.onnx");
    }
}
