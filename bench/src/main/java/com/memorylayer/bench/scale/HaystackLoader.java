package com.memorylayer.bench.scale;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Fills a workspace with many memories straight into its Postgres schema, for benchmarks only: embedding a million
 * texts on two cores would take hours. Each row's vector is made from real embeddings — two of the base corpus's,
 * mixed with a random weight, plus Gaussian noise, renormalised — so the haystack has the clustered shape real
 * embeddings have (uniform random vectors would make any index look better than it is), and its text is the first
 * half of the one's words and the second half of the other's, numbered, so lexical search sees matching words.
 *
 * <p>What it bypasses, all of it: the gateway and its checks and metering, the command log (no Kafka record), the
 * ingest worker (no embedding, dedupe or merge, entity extraction, ingest-run ledger or {@code applied_events} row)
 * and the audit. Rows take their {@code change_seq} from the workspace's sequence as the worker's do, so a runtime
 * reads them as it reads any other; they carry no session, tags or entities.
 */
public final class HaystackLoader {

    /** Standard deviation of the noise added to each coordinate of the mixed unit vector. */
    static final double NOISE = 0.02;
    private static final int BATCH = 2_000;

    private final List<String> texts;
    private final float[][] vectors;
    private final String model;

    /** @param texts the base corpus, and {@code vectors} their embeddings by {@code model}, row for row */
    public HaystackLoader(List<String> texts, float[][] vectors, String model) {
        if (texts.size() != vectors.length || texts.size() < 2) {
            throw new IllegalArgumentException("the base corpus needs at least two texts, each with its vector");
        }
        this.texts = texts;
        this.vectors = vectors;
        this.model = model;
    }

    /** Writes {@code count} made-up memories into the workspace, created over the year before now. */
    public void load(DSLContext dsl, WorkspaceSchemaName schema, int count, long seed) {
        Random random = new Random(seed);
        Instant now = Instant.now();
        dsl.connection(connection -> insert(connection, schema, count, random, now));
    }

    private void insert(Connection connection, WorkspaceSchemaName schema, int count, Random random, Instant now)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        // The schema name comes from WorkspaceSchemaName, which only ever holds ws_ and a UUID's hex digits.
        try (PreparedStatement insert = connection.prepareStatement("insert into " + schema.value() + ".memories (id, content,"
                + " kind, metadata, source, content_hash, embedding, embedding_model, created_at, updated_at)"
                + " values (?, ?, 'note', '{}'::jsonb, 'bench-haystack', ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                int a = random.nextInt(texts.size());
                int b = random.nextInt(texts.size() - 1);
                b = b >= a ? b + 1 : b;
                String content = halfOf(texts.get(a), true) + " " + halfOf(texts.get(b), false) + " (#" + i + ")";
                Timestamp created = Timestamp.from(now.minus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES));
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, content);
                insert.setBytes(3, sha256(content));
                insert.setBytes(4, VectorCodec.encode(mix(vectors[a], vectors[b], random)));
                insert.setString(5, model);
                insert.setTimestamp(6, created);
                insert.setTimestamp(7, created);
                insert.addBatch();
                if ((i + 1) % BATCH == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** {@code w·a + (1−w)·b + noise}, as a unit vector; w uniform in [0.25, 0.75]. */
    static float[] mix(float[] a, float[] b, Random random) {
        double w = 0.25 + random.nextDouble() * 0.5;
        float[] mixed = new float[a.length];
        double norm = 0;
        for (int d = 0; d < a.length; d++) {
            double x = w * a[d] + (1 - w) * b[d] + NOISE * random.nextGaussian();
            mixed[d] = (float) x;
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < mixed.length; d++) {
            mixed[d] *= scale;
        }
        return mixed;
    }

    private static String halfOf(String text, boolean first) {
        String[] words = text.split("\\s+");
        int middle = Math.max(1, words.length / 2);
        return String.join(" ", first ? java.util.Arrays.copyOfRange(words, 0, middle)
                : java.util.Arrays.copyOfRange(words, Math.min(middle, words.length - 1), words.length));
    }

    private static byte[] sha256(String content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
