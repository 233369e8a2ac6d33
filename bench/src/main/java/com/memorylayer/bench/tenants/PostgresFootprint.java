package com.memorylayer.bench.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * What a Postgres server holds for its workspaces: the database's size, its catalog tables' sizes, the number of
 * relations, and the memory of the server's processes read from {@code /proc} (Linux only). RSS counts the shared
 * buffers once in every process that touched them, so the sum overstates; PSS shares them out and is the honest
 * total.
 */
record PostgresFootprint(int workspaceSchemas, long relations, long databaseBytes, long catalogBytes, long pgClassBytes,
        long pgAttributeBytes, long pgIndexBytes, long pgDependBytes, int processes, long rssBytes, long pssBytes,
        long largestProcessRssBytes) {

    static PostgresFootprint measure(DSLContext dsl, long postmasterPid) {
        Record r = dsl.resultQuery("""
                select (select count(*) from pg_namespace where nspname like 'ws\\_%') as schemas,
                       (select count(*) from pg_class) as relations,
                       pg_database_size(current_database()) as database,
                       (select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'pg_catalog' and c.relkind = 'r') as catalog,
                       pg_total_relation_size('pg_catalog.pg_class') as pg_class,
                       pg_total_relation_size('pg_catalog.pg_attribute') as pg_attribute,
                       pg_total_relation_size('pg_catalog.pg_index') as pg_index,
                       pg_total_relation_size('pg_catalog.pg_depend') as pg_depend""").fetchOne();
        List<Long> pids = processesOf(postmasterPid);
        long rss = 0;
        long pss = 0;
        long largest = 0;
        for (long pid : pids) {
            long processRss = kilobytes(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") * 1024;
            rss += processRss;
            largest = Math.max(largest, processRss);
            pss += kilobytes(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:") * 1024;
        }
        return new PostgresFootprint(r.get("schemas", Integer.class), r.get("relations", Long.class),
                r.get("database", Long.class), r.get("catalog", Long.class), r.get("pg_class", Long.class),
                r.get("pg_attribute", Long.class), r.get("pg_index", Long.class), r.get("pg_depend", Long.class), pids.size(),
                rss, pss, largest);
    }

    String describe() {
        return String.format("%,d workspace schemas, %,d relations; database %,.0f MB, system catalog %,.0f MB (pg_class %,.1f,"
                + " pg_attribute %,.1f, pg_index %,.1f, pg_depend %,.1f MB); server memory: %d processes, PSS %,.0f MB"
                + " (RSS summed %,.0f MB, largest process RSS %,.0f MB)", workspaceSchemas, relations, mb(databaseBytes),
                mb(catalogBytes), mb(pgClassBytes), mb(pgAttributeBytes), mb(pgIndexBytes), mb(pgDependBytes), processes,
                mb(pssBytes), mb(rssBytes), mb(largestProcessRssBytes));
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    /** The postmaster and its children (backends and background workers). */
    private static List<Long> processesOf(long postmasterPid) {
        List<Long> pids = new ArrayList<>();
        pids.add(postmasterPid);
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // The command name in parentheses may hold spaces; the parent pid is the second field after it.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmasterPid) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // A process that ended while listed is simply not counted.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return pids;
    }

    private static long kilobytes(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // Ended meanwhile.
        }
        return 0;
    }
}
