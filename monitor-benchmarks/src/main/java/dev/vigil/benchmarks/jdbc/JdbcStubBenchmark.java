package dev.vigil.benchmarks.jdbc;

import javax.sql.DataSource;

/**
 * What each JDBC instrumentation costs by itself: the same round trips as
 * {@link JdbcRoundTripBenchmark} over {@link StubDataSource}, a driver that does no work and
 * allocates nothing per statement.
 *
 * <p>{@code raw} is then the cost of calling the stub, and every other variant's time and, with
 * {@code -prof gc}, its bytes per operation ({@code gc.alloc.rate.norm}) are the wrapper's own:
 * the numbers to compare when deciding whether instrumentation is cheap enough to leave on.
 */
public class JdbcStubBenchmark extends JdbcBenchmark {

    @Override
    protected DataSource createTarget() {
        return new StubDataSource();
    }
}
