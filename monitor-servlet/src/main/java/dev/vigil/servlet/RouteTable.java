package dev.vigil.servlet;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The distinct routes, capped: a fixed-size open-addressing table that is read without locks or
 * allocation and written (rarely, at most {@code maxRoutes} times) under a lock. Once the cap is
 * reached every new route is the {@link #other()} route, so no sequence of paths grows it.
 *
 * @param <R> the per-route object
 */
final class RouteTable<R> {

    private final AtomicReferenceArray<Entry<R>> slots;
    private final int mask;
    private final int maxRoutes;
    private final Function<String, R> factory;
    private final R other;
    private final R notFound;
    private final Object lock = new Object();
    private volatile int size;

    RouteTable(int maxRoutes, Function<String, R> factory) {
        this.maxRoutes = maxRoutes;
        this.factory = factory;
        int capacity = Integer.highestOneBit(Math.max(4, (maxRoutes + 2) * 2 - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
        this.other = insert(RequestTracingFilter.ROUTE_OTHER);
        this.notFound = insert(RequestTracingFilter.ROUTE_NOT_FOUND);
    }

    /** The route for overflow: new routes past the cap, and templates that are too long. */
    R other() {
        return other;
    }

    /** The route for 404s that no framework pattern matched. */
    R notFound() {
        return notFound;
    }

    /** Distinct routes, not counting {@code OTHER} and {@code NOT_FOUND}. */
    int size() {
        return size;
    }

    /** The route named {@code route}, created if there is room. */
    R route(String route) {
        if (route.length() > PathTemplates.MAX_LENGTH) {
            return other;
        }
        int hash = route.hashCode();
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Entry<R> entry = slots.get(i);
            if (entry == null) {
                return size >= maxRoutes ? other : add(route);
            }
            if (entry.hash == hash && entry.name.equals(route)) {
                return entry.value;
            }
        }
    }

    /** The route of the id-collapsed template of {@code path} from {@code from}, created if there is room. */
    R pathRoute(String path, int from) {
        int[] pieces = PathTemplates.buffer();
        long key = PathTemplates.scan(path, from, pieces);
        if (key == PathTemplates.TOO_LONG) {
            return other;
        }
        int hash = PathTemplates.hashCode(key);
        int length = PathTemplates.length(key);
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Entry<R> entry = slots.get(i);
            if (entry == null) {
                return size >= maxRoutes ? other : add(PathTemplates.template(path, pieces));
            }
            if (entry.hash == hash && entry.name.length() == length && PathTemplates.matches(path, pieces, entry.name)) {
                return entry.value;
            }
        }
    }

    private R add(String route) {
        synchronized (lock) {
            if (size >= maxRoutes) {
                Entry<R> existing = find(route);
                return existing != null ? existing.value : other;
            }
            return insert(route);
        }
    }

    /** Inserts under the lock (or from the constructor); returns the existing value when present. */
    private R insert(String route) {
        Entry<R> existing = find(route);
        if (existing != null) {
            return existing.value;
        }
        int hash = route.hashCode();
        int i = spread(hash) & mask;
        while (slots.get(i) != null) {
            i = (i + 1) & mask;
        }
        Entry<R> entry = new Entry<>(route, hash, factory.apply(route));
        slots.set(i, entry);
        if (!route.equals(RequestTracingFilter.ROUTE_OTHER) && !route.equals(RequestTracingFilter.ROUTE_NOT_FOUND)) {
            size++;
        }
        return entry.value;
    }

    private Entry<R> find(String route) {
        int hash = route.hashCode();
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Entry<R> entry = slots.get(i);
            if (entry == null) {
                return null;
            }
            if (entry.hash == hash && entry.name.equals(route)) {
                return entry;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private record Entry<R>(String name, int hash, R value) {
    }
}
