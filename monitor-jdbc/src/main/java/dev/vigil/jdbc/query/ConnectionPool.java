package dev.vigil.jdbc.query;

import java.sql.Connection;

/**
 * What {@link ReadOnlyQueryRunner} needs from the pool its data source draws on. Implemented for
 * HikariCP by {@link HikariPoolAccess}; other pools are not recognised, and get neither eviction nor
 * a reserve.
 */
interface ConnectionPool {

    /**
     * Tells the pool to close {@code connection} instead of taking it back: at once if it is still
     * borrowed, so that the pool can replace it even while a statement hangs on it. False when the
     * connection is not (and does not wrap) one of the pool's.
     */
    boolean evict(Connection connection);

    /** Connections the pool could hand out now without anyone waiting: its maximum size, less those in use and the borrowers already waiting. */
    int headroom();

    /** The pool's maximum size. */
    int maximumSize();

    /** The pool's name, for messages. */
    String name();
}
