package com.memorylayer.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTokenTest {

    @Test
    void aGeneratedTokenParsesBackToItself() {
        ApiKeyToken token = ApiKeyToken.generate();
        assertThat(ApiKeyToken.parse(token.value())).contains(token);
        assertThat(token.value()).matches("mlk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    }

    @Test
    void generatedTokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiKeyToken.generate().value())).isTrue();
        }
    }

    @Test
    void malformedTokensDoNotParse() {
        assertThat(ApiKeyToken.parse(null)).isEmpty();
        assertThat(ApiKeyToken.parse("")).isEmpty();
        assertThat(ApiKeyToken.parse("mlk_XYZ_abc")).isEmpty();
        assertThat(ApiKeyToken.parse("sk_live_0123456789abcdef")).isEmpty();
    }

    @Test
    void theSecretNeverAppearsInToString() {
        ApiKeyToken token = ApiKeyToken.generate();
        assertThat(token.toString()).doesNotContain(token.secret()).startsWith("mlk_" + token.prefix());
    }

    @Test
    void theHashDependsOnTheServerSecretAndMatchesOnlyTheSameToken() {
        ApiKeyHasher hasher = new ApiKeyHasher(new ApiKeyProperties("server-secret-one-0123456789", Duration.ofMinutes(1)));
        ApiKeyHasher other = new ApiKeyHasher(new ApiKeyProperties("server-secret-two-0123456789", Duration.ofMinutes(1)));
        ApiKeyToken token = ApiKeyToken.generate();

        byte[] stored = hasher.hash(token);

        assertThat(hasher.matches(token, stored)).isTrue();
        assertThat(hasher.matches(ApiKeyToken.generate(), stored)).isFalse();
        assertThat(other.matches(token, stored)).isFalse();
        assertThat(stored).hasSize(32);
    }
}
