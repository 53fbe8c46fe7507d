package dev.vigil.jdbc.query;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer whose tasks run only when the test fires them, on the test's thread, in the order they
 * were scheduled: deadlines that pass exactly when the test says, whatever the machine's speed.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {

    private final Queue<Task> pending = new ConcurrentLinkedQueue<>();

    ManualTimer() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, unit.toNanos(delay));
        pending.add(task);
        return task;
    }

    /** Runs the first task still scheduled (cancelled ones are dropped) and says after what delay it was due. */
    Duration fireNext() {
        for (Task task = pending.poll(); task != null; task = pending.poll()) {
            if (!task.isCancelled()) {
                task.run();
                return Duration.ofNanos(task.delayNanos);
            }
        }
        throw new AssertionError("nothing is scheduled");
    }

    /** Tasks scheduled and not cancelled. */
    long scheduled() {
        return pending.stream().filter(task -> !task.isCancelled()).count();
    }

    private static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
        private final long delayNanos;

        Task(Runnable command, long delayNanos) {
            super(command, null);
            this.delayNanos = delayNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(delayNanos, other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
