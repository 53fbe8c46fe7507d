package dev.vigil.internal;

import java.util.ArrayList;
import java.util.List;

/** A fixed-capacity, thread-safe buffer that keeps the newest entries. Not API. */
public final class RingBuffer<T> {

    private final Object[] items;
    private int next;
    private int size;

    public RingBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.items = new Object[capacity];
    }

    public synchronized void add(T item) {
        items[next] = item;
        next = (next + 1) % items.length;
        if (size < items.length) {
            size++;
        }
    }

    /** The entries, oldest first. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> snapshot() {
        List<T> copy = new ArrayList<>(size);
        int start = (next - size + items.length) % items.length;
        for (int i = 0; i < size; i++) {
            copy.add((T) items[(start + i) % items.length]);
        }
        return List.copyOf(copy);
    }

    public synchronized int size() {
        return size;
    }
}
