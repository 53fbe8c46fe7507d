package dev.vigil.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Check runs in memory: the newest {@code maxRunsPerCheck} of each check. */
public final class MemoryCheckRunStore implements CheckRunStore {

    /** Runs kept per check by default. */
    public static final int DEFAULT_MAX_RUNS_PER_CHECK = HealthSettings.DEFAULT_HISTORY_SIZE;

    private final int maxRunsPerCheck;
    private final Map<String, ArrayDeque<CheckRunRecord>> runs = new LinkedHashMap<>();

    /** A store keeping {@value #DEFAULT_MAX_RUNS_PER_CHECK} runs per check. */
    public MemoryCheckRunStore() {
        this(DEFAULT_MAX_RUNS_PER_CHECK);
    }

    /** A store keeping the newest {@code maxRunsPerCheck} runs of each check. */
    public MemoryCheckRunStore(int maxRunsPerCheck) {
        if (maxRunsPerCheck < 1) {
            throw new IllegalArgumentException("maxRunsPerCheck must be positive, was " + maxRunsPerCheck);
        }
        this.maxRunsPerCheck = maxRunsPerCheck;
    }

    @Override
    public synchronized void add(List<CheckRunRecord> batch) {
        for (CheckRunRecord run : batch) {
            ArrayDeque<CheckRunRecord> ofCheck = runs.computeIfAbsent(run.check(), name -> new ArrayDeque<>());
            if (ofCheck.size() >= maxRunsPerCheck) {
                ofCheck.removeFirst();
            }
            ofCheck.addLast(run);
        }
    }

    @Override
    public synchronized List<CheckRunRecord> recent(String check, int limit) {
        ArrayDeque<CheckRunRecord> ofCheck = runs.get(check);
        if (ofCheck == null || limit <= 0) {
            return List.of();
        }
        List<CheckRunRecord> result = new ArrayList<>(Math.min(limit, ofCheck.size()));
        for (Iterator<CheckRunRecord> newest = ofCheck.descendingIterator(); newest.hasNext() && result.size() < limit; ) {
            result.add(newest.next());
        }
        return List.copyOf(result);
    }
}
