package dev.vigil.notice;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct users of one area over a sliding window, bounded: each user is kept as a 64-bit hash of their id
 * (no id is held) with the time they were last seen, at most {@code maxUsers} of them. Past the cap new users
 * are not added and the count reads as "at least the cap". Expired entries are dropped at most once a second
 * while the set is full, and whenever the count is read. Not API.
 */
final class UserImpact {

    private final long windowMillis;
    private final int maxUsers;
    private final Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
    private volatile long nextPrune;

    UserImpact(long windowMillis, int maxUsers) {
        this.windowMillis = windowMillis;
        this.maxUsers = maxUsers;
    }

    void record(String user, long nowMillis) {
        Long key = hash(user);
        if (lastSeen.size() >= maxUsers && !lastSeen.containsKey(key)) {
            if (nowMillis < nextPrune) {
                return;
            }
            nextPrune = nowMillis + 1000;
            prune(nowMillis);
            if (lastSeen.size() >= maxUsers) {
                return;
            }
        }
        lastSeen.put(key, nowMillis);
    }

    /** Distinct users seen in the window ending at {@code nowMillis}; {@code maxUsers} means at least that many. */
    int count(long nowMillis) {
        prune(nowMillis);
        return Math.min(lastSeen.size(), maxUsers);
    }

    private void prune(long nowMillis) {
        long oldest = nowMillis - windowMillis;
        for (Iterator<Long> it = lastSeen.values().iterator(); it.hasNext(); ) {
            if (it.next() <= oldest) {
                it.remove();
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, 64 bits: collisions among 10,000 users are vanishingly rare. */
    static long hash(String user) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : user.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
