package dev.vigil.alert.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.Notification;

/** A sink that records every batch and fails with the queued exceptions first. */
final class RecordingSink implements AlertSink {

    private final List<List<Notification>> batches = new ArrayList<>();
    private final Deque<Exception> failures = new ArrayDeque<>();
    private int calls;

    /** Fails the next sends with these exceptions, in order; then succeeds. */
    synchronized RecordingSink failWith(Exception... exceptions) {
        failures.addAll(List.of(exceptions));
        return this;
    }

    @Override
    public synchronized void send(List<Notification> batch) throws Exception {
        calls++;
        Exception failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        batches.add(List.copyOf(batch));
    }

    /** Batches accepted so far. */
    synchronized List<List<Notification>> batches() {
        return List.copyOf(batches);
    }

    /** Notifications accepted so far, in order. */
    synchronized List<Notification> delivered() {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** Times send was called, failed or not. */
    synchronized int calls() {
        return calls;
    }
}
