package com.memorylayer.gateway.ingest;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and timings of bulk ingestion.
 *
 * @param maxItems            items one request may carry (after splitting); more go to the same run in further requests
 * @param runIdleClose        a run no one closes is closed once no items came in for this long
 * @param previewItems        how many items a preview shows in full
 * @param errorsShown         how many rejected items a run's status lists (all are in its items list)
 * @param modelCacheDirectory where bge-small's tokenizer file is unpacked, to count tokens as the embedder will
 * @param maxSplitChars       characters of items splitting one request's {@code content} may make (csv repeats its
 *                            header in every item, auto a heading in every chunk); past it the request is refused with
 *                            {@code split_too_large} before more is built. Twice the body limit by default
 */
@ConfigurationProperties("memorylayer.ingest")
public record IngestProperties(int maxItems, Duration runIdleClose, int previewItems, int errorsShown, Path modelCacheDirectory,
        @DefaultValue("4000000") long maxSplitChars) {

    public IngestProperties {
        if (maxItems <= 0 || previewItems < 0 || errorsShown < 0 || maxSplitChars <= 0) {
            throw new IllegalArgumentException("memorylayer.ingest limits must be positive");
        }
        runIdleClose = runIdleClose == null ? Duration.ofMinutes(10) : runIdleClose;
        modelCacheDirectory = modelCacheDirectory == null ? Path.of(".memorylayer", "models") : modelCacheDirectory;
    }
}
