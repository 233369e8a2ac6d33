package com.memorylayer.schemas.memory;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lifecycle's rules, {@code memorylayer.curation.*}: bound by the gateway (which refuses at once what it can
 * tell is refused) and the ingest worker (which applies them), from the one shared settings file
 * {@code memorylayer-curation.yml}.
 *
 * @param dedupeThreshold         no longer decides a duplicate (the wording does, see the ingest worker's
 *                                {@code DuplicateFinder}); still bound and checked so existing configuration and
 *                                the dedupe command's default keep working (0.92)
 * @param dedupeScanLimit         how many of the most recent live memories a dedupe pass compares (2000); a write
 *                                looks its repeat up by its wording key and scans nothing
 * @param maxMerges               how many merges one dedupe or consolidation pass makes at most (50)
 * @param restoreWindow           how long a forgotten memory can be restored before it is erased (30 days)
 * @param workingTtl              a working memory older than this moves to episodic (30 minutes)
 * @param workingPromoteRecalls   ... as does one recalled this often (2)
 * @param promoteImportance       an episodic memory at least this important (0.7) ...
 * @param promoteRecalls          ... and recalled this often (5) moves to semantic
 * @param forgetAfter             a working or episodic memory never recalled, older than this (90 days) ...
 * @param forgetBelowImportance   ... and less important than this (0.3) is forgotten, unless pinned
 * @param consolidateEvery        how often the worker runs consolidation on every workspace; 0 turns it off
 * @param purgeEvery              how often the worker erases memories forgotten longer than the restore window
 */
@ConfigurationProperties("memorylayer.curation")
public record CurationSettings(double dedupeThreshold, int dedupeScanLimit, int maxMerges, Duration restoreWindow,
        Duration workingTtl, int workingPromoteRecalls, double promoteImportance, int promoteRecalls,
        Duration forgetAfter, double forgetBelowImportance, Duration consolidateEvery, Duration purgeEvery) {

    public CurationSettings {
        if (!(dedupeThreshold > 0 && dedupeThreshold <= 1)) {
            throw new IllegalArgumentException("memorylayer.curation.dedupe-threshold must be within (0, 1], was " + dedupeThreshold);
        }
        if (dedupeScanLimit < 1 || maxMerges < 0) {
            throw new IllegalArgumentException("memorylayer.curation.dedupe-scan-limit must be positive and max-merges not negative");
        }
        for (Duration d : new Duration[] {restoreWindow, workingTtl, forgetAfter, consolidateEvery, purgeEvery}) {
            Objects.requireNonNull(d, "a memorylayer.curation duration is missing");
            if (d.isNegative()) {
                throw new IllegalArgumentException("memorylayer.curation durations must not be negative, was " + d);
            }
        }
    }
}
