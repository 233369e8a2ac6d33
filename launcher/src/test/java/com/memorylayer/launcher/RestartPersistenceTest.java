package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Stop and start again on the same data directory: the workspace, the key and every memory are still there. */
class RestartPersistenceTest {

    @Test
    void everythingRememberedIsRecallableAfterARestart() {
        Path data = TestPlatform.tempDirectory();
        PlatformSettings settings = PlatformSettings.ephemeral(data, TestPlatform.MODELS);
        BootstrapCredentials before;
        try (Platform platform = Platform.start(settings)) {
            before = platform.bootstrap();
            ApiClient api = new ApiClient(platform.gatewayUrl(), before.slug(), before.apiKey());
            api.token(api.remember("The first memory survives restarts"));
            String token = api.token(api.remember("The lighthouse keeper's name is Morwenna"));
            assertThat(api.recallContents("who keeps the lighthouse", 1, token))
                    .containsExactly("The lighthouse keeper's name is Morwenna");
        }

        try (Platform platform = Platform.start(settings)) {
            assertThat(platform.bootstrap()).isEqualTo(before);
            ApiClient api = new ApiClient(platform.gatewayUrl(), before.slug(), before.apiKey());
            assertThat(api.recallContents("who keeps the lighthouse", 1, null))
                    .containsExactly("The lighthouse keeper's name is Morwenna");
            assertThat(api.recallContents("memory that survives restarts", 1, null))
                    .containsExactly("The first memory survives restarts");
        }
    }

    @Test
    void aWriteAcceptedJustBeforeStoppingIsAppliedAfterTheRestart() {
        Path data = TestPlatform.tempDirectory();
        PlatformSettings settings = PlatformSettings.ephemeral(data, TestPlatform.MODELS);
        String token;
        BootstrapCredentials credentials;
        try (Platform platform = Platform.start(settings)) {
            credentials = platform.bootstrap();
            ApiClient api = new ApiClient(platform.gatewayUrl(), credentials.slug(), credentials.apiKey());
            // Accepted means held by the log; the platform stops at once, possibly before the worker applied it.
            token = api.token(api.remember("Accepted writes are never lost"));
        }
        try (Platform platform = Platform.start(settings)) {
            ApiClient api = new ApiClient(platform.gatewayUrl(), credentials.slug(), credentials.apiKey());
            assertThat(api.recallContents("are accepted writes lost", 1, token)).containsExactly("Accepted writes are never lost");
        }
    }
}
