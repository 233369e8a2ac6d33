package com.memorylayer.schemas.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workspace schema version a gateway records is the newest workspace migration this build carries. */
class MigrationVersionTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void theRecordedWorkspaceVersionIsTheNewestWorkspaceMigration() throws IOException {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "workspace"))) {
            newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Migrations.WORKSPACE_VERSION).isEqualTo(Integer.toString(newest));
    }
}
