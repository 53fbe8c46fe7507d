package dev.vigil.alert;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The embedded alert store: active alerts, silences and a bounded history in memory. It survives
 * nothing but serves one process exactly like a database serves several.
 */
public final class MemoryAlertStore implements AlertStore {

    /** History entries kept by default. */
    public static final int DEFAULT_MAX_HISTORY = AlertSettings.DEFAULT_HISTORY_SIZE;

    private final int maxHistory;
    private final Map<String, StoredAlert> byFingerprint = new LinkedHashMap<>();
    private final Map<String, String> fingerprintById = new HashMap<>();
    private final ArrayDeque<AlertTransition> history = new ArrayDeque<>(); // newest first
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    /** A store keeping the newest {@value #DEFAULT_MAX_HISTORY} history entries. */
    public MemoryAlertStore() {
        this(DEFAULT_MAX_HISTORY);
    }

    /** A store keeping the newest {@code maxHistory} history entries. */
    public MemoryAlertStore(int maxHistory) {
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be positive, was " + maxHistory);
        }
        this.maxHistory = maxHistory;
    }

    @Override
    public synchronized List<StoredAlert> active() {
        return List.copyOf(byFingerprint.values());
    }

    @Override
    public synchronized StoredAlert open(StoredAlert candidate) {
        StoredAlert existing = byFingerprint.get(candidate.fingerprint());
        if (existing != null) {
            return existing;
        }
        StoredAlert stored = candidate.withVersion(1);
        byFingerprint.put(stored.fingerprint(), stored);
        fingerprintById.put(stored.id(), stored.fingerprint());
        return stored;
    }

    @Override
    public synchronized Optional<StoredAlert> replace(StoredAlert current, StoredAlert next) {
        if (!current.id().equals(next.id()) || !current.fingerprint().equals(next.fingerprint())) {
            throw new IllegalArgumentException("an alert keeps its id and fingerprint: " + current.id() + " → " + next.id());
        }
        StoredAlert stored = byFingerprint.get(current.fingerprint());
        if (stored == null || !stored.id().equals(current.id()) || stored.version() != current.version()) {
            return Optional.empty();
        }
        StoredAlert replaced = next.seen(stored.lastSeenAt()).withVersion(stored.version() + 1);
        byFingerprint.put(replaced.fingerprint(), replaced);
        return Optional.of(replaced);
    }

    @Override
    public synchronized boolean remove(StoredAlert current) {
        StoredAlert stored = byFingerprint.get(current.fingerprint());
        if (stored == null || !stored.id().equals(current.id()) || stored.version() != current.version()) {
            return false;
        }
        byFingerprint.remove(current.fingerprint());
        fingerprintById.remove(current.id());
        return true;
    }

    @Override
    public synchronized void seen(Collection<String> ids, Instant at) {
        for (String id : ids) {
            String fingerprint = fingerprintById.get(id);
            StoredAlert stored = fingerprint == null ? null : byFingerprint.get(fingerprint);
            if (stored != null) {
                byFingerprint.put(fingerprint, stored.seen(at));
            }
        }
    }

    @Override
    public synchronized void record(AlertTransition transition) {
        if (history.size() >= maxHistory) {
            history.removeLast();
        }
        history.addFirst(transition);
    }

    @Override
    public synchronized List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        List<AlertTransition> result = new ArrayList<>(Math.min(limit, 64));
        for (AlertTransition transition : history) {
            if (result.size() >= limit || since != null && transition.at().isBefore(since)) {
                break; // newest first: everything further is older
            }
            if (entered == null || transition.entered(entered)) {
                result.add(transition);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public synchronized void saveSilence(Silence silence) {
        silences.put(silence.id(), silence);
    }

    @Override
    public synchronized boolean removeSilence(String id) {
        return silences.remove(id) != null;
    }

    @Override
    public synchronized List<Silence> silences(Instant now) {
        silences.values().removeIf(silence -> !silence.endsAt().isAfter(now));
        return List.copyOf(silences.values());
    }
}
