package dev.vigil.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the {@link AlertEngine} keeps what must outlive the process and be shared between instances:
 * the active alerts, their history and the silences.
 *
 * <p>Several instances evaluate the same rules; they agree through this store. The first instance to
 * see a condition {@linkplain #open opens} the alert, the others adopt it; every further change is a
 * compare-and-set on the alert's version ({@link #replace}, {@link #remove}), and only the instance whose
 * change wins records the transition and makes the notification. Implementations must be thread-safe
 * and make {@code open}, {@code replace} and {@code remove} atomic.
 */
public interface AlertStore {

    /** Every pending and firing alert. */
    List<StoredAlert> active();

    /**
     * Stores {@code candidate} unless an alert with its fingerprint is active already.
     *
     * @return the active alert of that fingerprint: {@code candidate} (with its stored version) or the one stored before
     */
    StoredAlert open(StoredAlert candidate);

    /**
     * Replaces {@code current} by {@code next} if the stored alert still has {@code current}'s version.
     *
     * @return {@code next} with its new version, or empty when another change came first
     */
    Optional<StoredAlert> replace(StoredAlert current, StoredAlert next);

    /** Removes {@code current} (it resolved, or cleared while pending) if it still has that version; whether it did. */
    boolean remove(StoredAlert current);

    /** Records that the alerts' conditions held at {@code at} (moves their {@code lastSeenAt}, not their version). */
    void seen(Collection<String> ids, Instant at);

    /** Appends an entry to the alert history. */
    void record(AlertTransition transition);

    /**
     * History entries, newest first.
     *
     * @param entered only entries of alerts entering this state (not acknowledgements or silences), if given
     * @param since only entries at or after this instant, if given
     * @param limit at most this many
     */
    List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit);

    /** Stores a silence, replacing the one with the same id. */
    void saveSilence(Silence silence);

    /** Removes a silence; whether it existed. */
    boolean removeSilence(String id);

    /** The silences that have not ended at {@code now}, including those that start later. */
    List<Silence> silences(Instant now);
}
