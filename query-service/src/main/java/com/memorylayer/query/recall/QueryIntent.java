package com.memorylayer.query.recall;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * What a query asks for, by counting trigger words (the engine's table): the intent with the most hits wins, a tie
 * goes to the one listed first, and a query with none is {@code what}. {@code recall/explain} reports it; nothing
 * here ranks by it — the engine's per-intent channel weights were tuned for its own channels, not ours.
 */
enum QueryIntent {
    WHY("why|because|reason|cause|led to|resulted in"),
    WHEN("when|date|time|before|after|during|timeline|history"),
    WHO("who|person|people|team|built|created|wrote"),
    HOW("how to|steps|procedure|process|workflow|debug|fix"),
    WHAT(null);

    private final Pattern triggers;

    QueryIntent(String words) {
        this.triggers = words == null ? null : Pattern.compile("\\b(?:" + words + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static QueryIntent of(String query) {
        QueryIntent best = WHAT;
        int bestHits = 0;
        for (QueryIntent intent : values()) {
            if (intent.triggers == null) {
                continue;
            }
            int hits = 0;
            Matcher matcher = intent.triggers.matcher(query);
            while (matcher.find()) {
                hits++;
            }
            if (hits > bestHits) {
                best = intent;
                bestHits = hits;
            }
        }
        return best;
    }
}
