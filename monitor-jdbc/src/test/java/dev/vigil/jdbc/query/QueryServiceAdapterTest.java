package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vigil.query.QueryException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every outcome of the runner becomes an answer with the right kind (and so HTTP status) and code. */
class QueryServiceAdapterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Passes every check and would run for days: row generators are bounded (monitor.query.max-series-rows),
     * H2's catalog (hundreds of columns) to the fourth power is not.
     */
    private static final String ENDLESS = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS a, INFORMATION_SCHEMA.COLUMNS b,"
            + " INFORMATION_SCHEMA.COLUMNS c, INFORMATION_SCHEMA.COLUMNS d";

    private final ExecutorService callers = Executors.newSingleThreadExecutor();
    private ReadOnlyQueryRunner runner;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (runner != null) {
            runner.close();
        }
    }

    private final JdbcDataSource h2 = new JdbcDataSource();

    QueryServiceAdapterTest() {
        h2.setURL("jdbc:h2:mem:vigil_query_adapter;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
    }

    private QueryServiceAdapter adapter(QueryRunnerSettings settings) {
        runner = ReadOnlyQueryRunner.builder(h2).applicationDataSource(true).settings(settings).build();
        return new QueryServiceAdapter(runner);
    }

    /** Statements running now on other connections whose text contains {@code fragment}. */
    private int running(String fragment) throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE EXECUTING_STATEMENT LIKE '%" + fragment + "%' AND SESSION_ID <> SESSION_ID()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static QueryException failure(QueryServiceAdapter adapter, String sql) {
        Throwable thrown = catchThrowable(() -> adapter.run(sql, 10, "alice"));
        assertThat(thrown).isInstanceOf(QueryException.class);
        return (QueryException) thrown;
    }

    @Test
    void rowsRejectionsAndFailuresAreAnswered() throws Exception {
        QueryServiceAdapter adapter = adapter(QueryRunnerSettings.builder().timeout(DEADLINE).build());

        assertThat(adapter.run("SELECT 1 AS one", 10, "alice")).containsEntry("rows", List.of(List.of(1)));
        assertThat(failure(adapter, "DELETE FROM users")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(QueryException.Kind.REJECTED);
            assertThat(e.code()).isEqualTo("not_a_query");
        });
        assertThat(failure(adapter, "SELECT no_such_column")).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(QueryException.Kind.FAILED);
            assertThat(e.kind().httpStatus()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("query_failed");
        });
    }

    @Test
    void timeoutAnswers504() {
        QueryServiceAdapter adapter = adapter(QueryRunnerSettings.builder().timeout(Duration.ofMillis(300)).build());

        assertThat(failure(adapter, ENDLESS)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(QueryException.Kind.TIMED_OUT);
            assertThat(e.kind().httpStatus()).isEqualTo(504);
            assertThat(e.code()).isEqualTo("timeout");
            assertThat(e.getMessage()).startsWith("the query timed out after 300 ms");
        });
    }

    @Test
    void busyAnswers503() throws Exception {
        QueryServiceAdapter adapter = adapter(QueryRunnerSettings.builder().timeout(Duration.ofMinutes(10))
                .maxConcurrentQueries(1).build());
        Future<Map<String, Object>> endless = callers.submit(() -> adapter.run(ENDLESS, 10, "alice"));
        await("the endless query runs").atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                .until(() -> running("INFORMATION_SCHEMA.COLUMNS d") == 1);

        QueryException busy = failure(adapter, "SELECT 1 AS one");

        assertThat(busy.code()).isEqualTo("busy");
        assertThat(busy.kind()).isEqualTo(QueryException.Kind.UNAVAILABLE);
        assertThat(busy.kind().httpStatus()).isEqualTo(503);
        assertThat(busy.getMessage()).isEqualTo("a query is already running (monitor.query.max-concurrent=1);"
                + " try again when one has finished");
        runner.close();
        assertThat(catchThrowable(() -> endless.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)))
                .hasCauseInstanceOf(QueryException.class);
    }

    @Test
    void errorOfTheQueryIsAnsweredToo() {
        DataSource outOfMemory = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isWrapperFor")) { // not a HikariCP pool (asked when the runner is built)
                        return false;
                    }
                    throw new OutOfMemoryError("Java heap space");
                });
        runner = ReadOnlyQueryRunner.builder(outOfMemory).build();

        QueryException failure = failure(new QueryServiceAdapter(runner), "SELECT 1");

        assertThat(failure.kind()).isEqualTo(QueryException.Kind.FAILED);
        assertThat(failure.getMessage()).isEqualTo("the query failed: OutOfMemoryError: Java heap space");
    }
}
