package com.memorylayer.retrieval.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Keyword search by BM25 over texts held in an in-memory Lucene index.
 *
 * <p>Score of a document {@code d} for query terms {@code t}:
 * {@code Σ_t qf(t) · idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))}, with
 * {@code idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5))}; {@code qf(t)} is how often the term occurs in the query.
 * Rare terms therefore count for more than common ones. By default {@code k1} and {@code b} are those of
 * {@link RankingSettings#SHIPPED}, well below Lucene's 1.2 and 0.75: a memory is a sentence or two, where saying a
 * word twice or at more length says little about relevance. Chosen on the LoCoMo dev split, where every setting
 * with {@code k1 ≤ 0.9} and {@code b ≤ 0.3} did about equally well (docs/benchmarks.md).
 *
 * <p>Text and queries go through Lucene's {@link EnglishAnalyzer}: the standard (Unicode word-break)
 * tokenizer, possessive removal, lower-casing, stop words ({@link #STOP_WORDS}) and the Porter stemmer. Chosen over
 * StandardAnalyzer plus a PorterStemFilter because it is that same chain plus the stop-word and possessive
 * steps, which matter here: queries are OR-ed terms, and without stop-word removal "the"/"what"/"is" would
 * each add a clause that matches nearly every memory.
 *
 * <p>Queries are never parsed as Lucene query syntax: the analysed terms become {@link TermQuery}s OR-ed in
 * a {@link BooleanQuery}, so user text such as {@code AND}, quotes, brackets or {@code *} is just text.
 *
 * <p>Derived data, rebuilt from Postgres. Thread-safe; a search sees every write that returned before it
 * started (the searcher is reopened lazily, on the first search after a write).
 */
public final class LexicalIndex implements AutoCloseable {

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(List.of("what", "when", "where", "who", "whom", "which", "how", "why", "did", "do", "does",
                "were", "been", "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "we", "our", "its",
                "from", "about", "those"));
        return CharArraySet.unmodifiableSet(words);
    }

    static final String ID_FIELD = "id";
    static final String TEXT_FIELD = "text";

    /**
     * Lucene's English stop words plus question words, pronouns and auxiliaries: memory queries are questions
     * ("when did she ...?"), and those words match nearly every conversational memory while naming none.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private final Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);
    private final Similarity similarity;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Writes that have returned; bumped after each one is in the writer. */
    private final AtomicLong writes = new AtomicLong();
    /** How many of {@link #writes} the current searcher is known to include. */
    private volatile long visibleWrites;
    private final Object refreshLock = new Object();

    /** With the shipped BM25 parameters. */
    public LexicalIndex() {
        this(RankingSettings.SHIPPED.bm25K1(), RankingSettings.SHIPPED.bm25B());
    }

    /** With BM25's term-frequency saturation {@code k1} and length normalisation {@code b}. */
    public LexicalIndex(float k1, float b) {
        similarity = new BM25Similarity(k1, b);
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(similarity));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not open an in-memory Lucene index", e);
        }
    }

    /** Indexes {@code text} under {@code id}, replacing any text already indexed under it. */
    public void put(UUID id, String text) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        if (text == null) {
            throw new IllegalArgumentException("text of " + id + " must not be null");
        }
        Document document = new Document();
        document.add(new StringField(ID_FIELD, id.toString(), Field.Store.YES));
        document.add(new TextField(TEXT_FIELD, text, Field.Store.NO));
        try {
            writer.updateDocument(idTerm(id), document);
        } catch (IOException e) {
            throw new UncheckedIOException("could not index " + id, e);
        }
        writes.incrementAndGet();
    }

    /** Removes the text indexed under {@code id}, if any. */
    public void remove(UUID id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        try {
            writer.deleteDocuments(idTerm(id));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + id, e);
        }
        writes.incrementAndGet();
    }

    /** Number of indexed texts, counting every write that returned before this call. */
    public int size() {
        IndexSearcher searcher = acquireCurrentSearcher();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /**
     * Returns the {@code k} best BM25 matches for {@code query}, best first; empty if the query has no terms
     * left after analysis (only stop words or punctuation).
     *
     * @param accept which ids may be returned; {@code null} accepts all. Still {@code k} results when enough
     *     accepted documents match: the search is repeated over a doubled window until it has {@code k}
     *     accepted hits or has run out of matches.
     */
    public List<ScoredId> search(String query, int k, Predicate<UUID> accept) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        Query luceneQuery = termsQuery(query);
        if (luceneQuery == null) {
            return List.of();
        }
        IndexSearcher searcher = acquireCurrentSearcher();
        try {
            int window = accept == null ? k : Math.max(4 * k, 32);
            while (true) {
                TopDocs top = searcher.search(luceneQuery, window);
                List<ScoredId> hits = accepted(searcher.storedFields(), top.scoreDocs, k, accept);
                boolean exhausted = top.scoreDocs.length < window
                        || window >= searcher.getIndexReader().maxDoc();
                if (hits.size() == k || exhausted) {
                    return hits;
                }
                window = (int) Math.min(Integer.MAX_VALUE, 2L * window);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lexical search for \"" + query + "\" failed", e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the lexical index", e);
        } finally {
            analyzer.close();
        }
    }

    /**
     * The analysed query terms OR-ed, each boosted by how often it occurs in the query; {@code null} if none.
     * At most {@link IndexSearcher#getMaxClauseCount()} distinct terms are kept (the first ones), so a pasted
     * essay cannot make Lucene throw.
     */
    private Query termsQuery(String query) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT_FIELD, query)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String text = term.toString();
                if (frequencies.containsKey(text) || frequencies.size() < IndexSearcher.getMaxClauseCount()) {
                    frequencies.merge(text, 1, Integer::sum);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("could not analyse query \"" + query + "\"", e);
        }
        if (frequencies.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        frequencies.forEach((text, count) -> {
            Query termQuery = new TermQuery(new Term(TEXT_FIELD, text));
            builder.add(count == 1 ? termQuery : new BoostQuery(termQuery, count), BooleanClause.Occur.SHOULD);
        });
        return builder.build();
    }

    private static List<ScoredId> accepted(StoredFields fields, ScoreDoc[] docs, int k, Predicate<UUID> accept)
            throws IOException {
        List<ScoredId> hits = new ArrayList<>(Math.min(k, docs.length));
        for (ScoreDoc doc : docs) {
            UUID id = UUID.fromString(fields.document(doc.doc, Set.of(ID_FIELD)).get(ID_FIELD));
            if (accept == null || accept.test(id)) {
                hits.add(new ScoredId(id, doc.score));
                if (hits.size() == k) {
                    break;
                }
            }
        }
        return hits;
    }

    /** A searcher that includes every write that returned before this call. Release it when done. */
    private IndexSearcher acquireCurrentSearcher() {
        long target = writes.get();
        if (visibleWrites < target) {
            synchronized (refreshLock) {
                if (visibleWrites < target) {
                    // Read before refreshing: every write counted here is already in the writer.
                    long covered = writes.get();
                    try {
                        searchers.maybeRefreshBlocking();
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not refresh the lexical index", e);
                    }
                    visibleWrites = covered;
                }
            }
        }
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a lexical searcher", e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("could not release a lexical searcher", e);
        }
    }

    private static Term idTerm(UUID id) {
        return new Term(ID_FIELD, id.toString());
    }
}
