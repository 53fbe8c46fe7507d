package dev.vigil.servlet;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Assigns each distinct status code a slot in first-seen order, so per-route code counters are a
 * small array rather than a map (no boxing on the request path). Codes outside 100..599 and codes
 * past the first {@link #MAX_CODES} distinct ones get no slot: they are still counted in their
 * status class, only not by exact code.
 */
final class StatusCodes {

    /** Distinct codes counted exactly. */
    static final int MAX_CODES = 32;

    /** Status classes: 1xx..5xx and one for codes outside 100..599. */
    static final int CLASSES = 6;
    static final int CLASS_SERVER_ERROR = 4;
    static final int CLASS_UNKNOWN = 5;
    private static final String[] CLASS_TAGS = {"1xx", "2xx", "3xx", "4xx", "5xx", "UNKNOWN"};
    private static final String[] OUTCOMES = {
        "INFORMATIONAL", "SUCCESS", "REDIRECTION", "CLIENT_ERROR", "SERVER_ERROR", "UNKNOWN"};

    /** Per code 100..599: slot + 1, 0 when not seen yet, -1 when seen but no slot was left. */
    private final AtomicIntegerArray slotPlusOneByCode = new AtomicIntegerArray(500);
    private final AtomicIntegerArray codeBySlot = new AtomicIntegerArray(MAX_CODES);
    private int assigned; // guarded by this

    /** The status class index of {@code status}. */
    static int classOf(int status) {
        return status >= 100 && status <= 599 ? status / 100 - 1 : CLASS_UNKNOWN;
    }

    /** The {@code status} tag value of a class: {@code 2xx}, {@code 5xx}... */
    static String classTag(int statusClass) {
        return CLASS_TAGS[statusClass];
    }

    /** The {@code outcome} tag value of a class: {@code SUCCESS}, {@code SERVER_ERROR}... */
    static String outcomeTag(int statusClass) {
        return OUTCOMES[statusClass];
    }

    /** The slot of {@code status}, assigned on first sight; -1 when it has none. */
    int slot(int status) {
        if (status < 100 || status > 599) {
            return -1;
        }
        int slot = slotPlusOneByCode.get(status - 100);
        if (slot != 0) {
            return slot > 0 ? slot - 1 : -1;
        }
        return assign(status);
    }

    private synchronized int assign(int status) {
        int slot = slotPlusOneByCode.get(status - 100);
        if (slot != 0) {
            return slot > 0 ? slot - 1 : -1;
        }
        if (assigned == MAX_CODES) {
            slotPlusOneByCode.set(status - 100, -1); // remembered, so it never takes the lock again
            return -1;
        }
        int next = assigned++;
        codeBySlot.set(next, status);
        slotPlusOneByCode.set(status - 100, next + 1);
        return next;
    }

    /** The code in {@code slot}, or 0 when the slot is not assigned yet. */
    int codeAt(int slot) {
        return codeBySlot.get(slot);
    }
}
