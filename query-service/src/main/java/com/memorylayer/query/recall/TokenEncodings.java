package com.memorylayer.query.recall;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The tokenizers token budgets are counted with: OpenAI's {@code o200k_base} (the default) and {@code cl100k_base},
 * from jtokkit, nothing downloaded. One lazy registry serves every budgeted variant, so each encoding's tables are
 * loaded once per process.
 */
@Component
public class TokenEncodings {

    public static final String DEFAULT = "o200k_base";

    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

    /** The encoding a request names, or empty for a name that is none of ours. */
    public static Optional<EncodingType> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "o200k_base" -> Optional.of(EncodingType.O200K_BASE);
            case "cl100k_base" -> Optional.of(EncodingType.CL100K_BASE);
            default -> Optional.empty();
        };
    }

    public Encoding of(EncodingType type) {
        return registry.getEncoding(type);
    }
}
