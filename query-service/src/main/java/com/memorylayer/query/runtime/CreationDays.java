package com.memorylayer.query.runtime;

import com.memorylayer.retrieval.time.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The memories a runtime holds, by the UTC day they were created: how the time channel finds the few memories a
 * window names without testing every memory's facts. At a million memories that test was the recall's dearest
 * stage (620 ms a recall in {@code bench scale}); the ids of the days a window touches are a superset of those
 * inside it, which the caller narrows with the exact times. One reference a memory (a few MB at a million).
 */
final class CreationDays {

    private static final long SECONDS_PER_DAY = 86_400;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<Long, List<UUID>> byDay = new TreeMap<>();

    void add(UUID id, Instant created) {
        lock.writeLock().lock();
        try {
            byDay.computeIfAbsent(day(created), d -> new ArrayList<>()).add(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets {@code id}, created at {@code created}; a day left empty is dropped. */
    void remove(UUID id, Instant created) {
        lock.writeLock().lock();
        try {
            long day = day(created);
            List<UUID> ids = byDay.get(day);
            if (ids != null && ids.remove(id) && ids.isEmpty()) {
                byDay.remove(day);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The ids created on the days {@code window} touches, or null when they are more than {@code max}: past that a
     * scan of every vector costs less than looking each one up.
     */
    List<UUID> touching(TimeWindow window, int max) {
        lock.readLock().lock();
        try {
            NavigableMap<Long, List<UUID>> days = byDay.subMap(day(window.from()), true, day(window.to().minusNanos(1)), true);
            long count = 0;
            for (List<UUID> ids : days.values()) {
                count += ids.size();
                if (count > max) {
                    return null;
                }
            }
            List<UUID> touching = new ArrayList<>((int) count);
            days.values().forEach(touching::addAll);
            return touching;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static long day(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), SECONDS_PER_DAY);
    }
}
