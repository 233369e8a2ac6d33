package com.memorylayer.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySetupCheckTest {

    @Test
    void aPublicHostWithForwardHeadersOffIsWarnedAboutAndNothingElseIs() {
        GuardProperties local = new GuardProperties(2_000_000, List.of("localhost", "127.0.0.1", "[::1]"), List.of(), null, null);
        GuardProperties published = new GuardProperties(2_000_000, List.of("memory.example.com"), List.of(), null, null);

        assertThat(new ProxySetupCheck(published, "none").needsWarning()).isTrue();
        assertThat(new ProxySetupCheck(published, "native").needsWarning()).isFalse();
        assertThat(new ProxySetupCheck(local, "none").needsWarning()).isFalse();
    }
}
