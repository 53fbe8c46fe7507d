package dev.vigil.briefing;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Briefings in memory, the newest {@value #DEFAULT_MAX_BRIEFINGS} dates; lost on a restart. */
public final class MemoryBriefingStore implements BriefingStore {

    /** Dates kept: a little over a year. */
    public static final int DEFAULT_MAX_BRIEFINGS = 400;

    private final TreeMap<LocalDate, StoredBriefing> byDate = new TreeMap<>(); // guarded by this

    @Override
    public synchronized boolean add(StoredBriefing briefing) {
        Objects.requireNonNull(briefing, "briefing");
        if (byDate.putIfAbsent(briefing.date(), briefing) != null) {
            return false;
        }
        while (byDate.size() > DEFAULT_MAX_BRIEFINGS) {
            byDate.pollFirstEntry();
        }
        return true;
    }

    @Override
    public synchronized Optional<StoredBriefing> find(LocalDate date) {
        return Optional.ofNullable(byDate.get(Objects.requireNonNull(date, "date")));
    }

    @Override
    public synchronized Optional<StoredBriefing> latest() {
        return Optional.ofNullable(byDate.lastEntry()).map(Map.Entry::getValue);
    }
}
