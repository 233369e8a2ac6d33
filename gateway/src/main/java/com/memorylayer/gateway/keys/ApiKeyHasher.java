package com.memorylayer.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** HMAC-SHA256 of a key's full token under the server secret, and its constant-time comparison. */
@Component
public class ApiKeyHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec secret;

    public ApiKeyHasher(ApiKeyProperties properties) {
        this.secret = new SecretKeySpec(properties.hashSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public byte[] hash(ApiKeyToken token) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(token.value().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean matches(ApiKeyToken token, byte[] storedHash) {
        return MessageDigest.isEqual(hash(token), storedHash);
    }
}
