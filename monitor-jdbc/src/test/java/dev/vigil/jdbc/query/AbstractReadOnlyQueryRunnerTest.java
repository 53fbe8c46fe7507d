package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.internal.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link ReadOnlyQueryRunner} must do on every database: the attack corpus is rejected or
 * contained, redacted values cannot be recovered, user-defined functions cannot be called,
 * ordinary administration queries work, and a query that runs too long is answered at its deadline
 * and leaves the application's pool whole. Subclasses provide the database.
 *
 * <p>Every database holds {@code users(id, name, email, password_hash)} with alice, bob and carol
 * (ids 1-3), {@code secrets(id, user_id, note)}, a sequence {@code s}, and {@code big_value(id, v)}
 * with one value of {@link #BIG_VALUE_LENGTH} characters.
 *
 * <p>Nothing here depends on how fast the machine is: queries that are not about time have the
 * default 5 s (or more), and the timeout tests use queries that would run for hours.
 */
abstract class AbstractReadOnlyQueryRunnerTest {

    static final Instant NOW = Instant.parse("2026-11-05T10:15:30Z");
    /** How long any wait on another thread may take before the test fails: generous, for a cold, loaded machine. */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Timeouts of queries that are not about timeouts: generous, for a cold, loaded machine. */
    static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(60);
    /** The attack corpus may time out (an outcome it accepts): 2 s keeps short whatever passes the checks and runs long. */
    static final Duration ATTACK_TIMEOUT = Duration.ofSeconds(2);
    /** A timeout short enough for tests whose query would otherwise run for hours. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    /** 2 MiB of text in one value, inserted by the test rather than computed by the database. */
    static final int BIG_VALUE_LENGTH = 2 * 1024 * 1024;

    static final String SCHEMA = """
            CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), password_hash VARCHAR(100));
            INSERT INTO users VALUES (1, 'alice', 'alice@example.com', '$2a$10$alice'),
                (2, 'bob', 'bob@example.com', '$2a$10$bob'), (3, 'carol', 'carol@example.com', '$2a$10$carol');
            CREATE TABLE secrets (id INT PRIMARY KEY, user_id INT, note VARCHAR(100));
            INSERT INTO secrets VALUES (1, 1, 'the launch code');
            CREATE SEQUENCE s""";

    /**
     * A runner on the application's own pool, which logs in as an admin: the worst case, with only
     * the other defences left. Its timeout is {@link #ATTACK_TIMEOUT}.
     */
    abstract ReadOnlyQueryRunner attackRunner();

    /** Like {@link #attackRunner()}, with a generous timeout for tests that expect a particular outcome. */
    abstract ReadOnlyQueryRunner applicationRunner();

    /** A runner of its own on the application's pool, with {@code settings}. */
    abstract ReadOnlyQueryRunner applicationRunner(QueryRunnerSettings settings, QueryAuditor auditor);

    /** A query that passes every check and would run for hours: it only ends by being cancelled. */
    abstract String endlessQuery();

    /** A runner on a data source of its own whose role can only read users and secrets. */
    abstract ReadOnlyQueryRunner readOnlyRunner(QueryRunnerSettings settings, QueryAuditor auditor);

    /** A runner on a dedicated data source that logs in as an admin / superuser. */
    abstract ReadOnlyQueryRunner adminRunner(boolean applicationDataSource);

    /** A connection outside any pool, as an admin, open for the whole class. */
    abstract Connection sentinel();

    /** What must not change: the data, and the database's own state (sequences, locks, large objects...). */
    abstract Map<String, Object> state() throws SQLException;

    /** Checks every connection of the application's pool has its default session settings. */
    abstract void assertPoolSessionsAreClean() throws SQLException;

    /**
     * Creates a user-defined function {@code SLEEP_MS(ms)} that sleeps, as the demo application defines
     * one (on H2 an alias for a static Java method), and that counts its calls.
     */
    abstract void createSleepFunction() throws SQLException;

    /** Drops what {@link #createSleepFunction()} created. */
    abstract void dropSleepFunction() throws SQLException;

    /** How many times {@code SLEEP_MS} has run. */
    abstract int sleepFunctionCalls() throws SQLException;

    /** Queries an administrator runs on this database only: its catalog, its own functions. */
    abstract List<String> databaseSpecificAdminQueries();

    /** Connections of the application's pool in use now. */
    abstract int activeConnections();

    ReadOnlyQueryRunner readOnlyRunner() {
        return readOnlyRunner(settings().build(), QueryAuditor.NO_OP);
    }

    /** The default settings, with {@link #GENEROUS_TIMEOUT}. */
    static QueryRunnerSettings.Builder settings() {
        return QueryRunnerSettings.builder().timeout(GENEROUS_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.vigil.jdbc.query.AttackCorpus#attacks")
    void attackIsRejectedOrContained(AttackCorpus.Attack attack) throws SQLException {
        Map<String, Object> before = state();

        Object outcome;
        try {
            outcome = attackRunner().run("mallory", attack.sql());
        } catch (QueryRejectedException | QueryFailedException e) {
            outcome = e;
        }

        RejectionReason expected = attack.rejected(dialect());
        if (expected != null) {
            assertThat(outcome).isInstanceOfSatisfying(QueryRejectedException.class,
                    e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected));
        } else {
            assertThat(outcome).isInstanceOfAny(QueryResult.class, QueryFailedException.class);
        }
        assertThat(state()).isEqualTo(before);
        assertThat(sentinel().isValid(2)).as("an admin connection outside the pool is still alive").isTrue();
        for (Path file : AttackCorpus.TARGET_FILES) {
            assertThat(file).doesNotExist();
        }
        assertPoolSessionsAreClean();
    }

    static Stream<Named<String>> doubleSlashAttacks() {
        return Stream.of(
                Named.of("reading a file", AttackCorpus.DOUBLE_SLASH.formatted(", FILE_READ('/etc/hostname', NULL) AS f")),
                Named.of("writing a file",
                        AttackCorpus.DOUBLE_SLASH.formatted(", FILE_WRITE('owned', '/tmp/vigil-attack.txt') AS w")),
                Named.of("creating an alias for Java code",
                        AttackCorpus.DOUBLE_SLASH.formatted("; CREATE ALIAS VIGIL_PROP FOR 'java.lang.System.getProperty'")),
                Named.of("creating a table", AttackCorpus.DOUBLE_SLASH.formatted("; CREATE TABLE vigil_owned (x INT)")));
    }

    /**
     * H2 and JSqlParser read {@code //} as a comment to the end of the line; a lexer that sees two
     * operators takes the {@code '} after it for the start of a string and hides the next line from
     * every check while H2 runs it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("doubleSlashAttacks")
    void doubleSlashCommentCannotHideCode(String sql) throws SQLException {
        Map<String, Object> before = state();
        String routinesBefore = vigilRoutines();

        Throwable outcome = catchThrowable(() -> applicationRunner().run("mallory", sql));

        assertThat(outcome).isInstanceOfSatisfying(QueryRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SYNTAX);
            assertThat(e.getMessage()).startsWith("'//' at position 15: H2 and the parser read a comment");
        });
        assertThat(state()).isEqualTo(before);
        assertThat(vigilRoutines()).isEqualTo(routinesBefore).isEqualTo("0");
        for (Path file : AttackCorpus.TARGET_FILES) {
            assertThat(file).doesNotExist();
        }
    }

    private String vigilRoutines() throws SQLException {
        return string(sentinel(), "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE UPPER(ROUTINE_NAME) LIKE 'VIGIL%'");
    }

    @Test
    void longValueIsCut() {
        // The longest value padding may build is 65,536 characters (max-cell-chars); one more makes it longer than a cell.
        QueryResult result = applicationRunner().run("mallory", "SELECT lpad('x', 65536, 'x') || 'y' AS big");

        assertThat(result.rowCount()).isEqualTo(1);
        String cell = (String) result.rows().get(0).get(0);
        assertThat(cell).hasSize(QueryRunnerSettings.DEFAULT_MAX_CELL_CHARS + " (65537 characters)".length() + 1)
                .endsWith("x… (65537 characters)");
    }

    @Test
    void valueAmplifiersAreRejectedBeforeTheyRun() {
        assertThatThrownBy(() -> applicationRunner().run("mallory", "SELECT repeat('a', 600000000)"))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.VALUE_AMPLIFIER))
                .hasMessage("repeat() would build a value of 600000000 characters; run-query allows at most 65536"
                        + " (monitor.query.max-cell-chars) across the query");
        assertThatThrownBy(() -> applicationRunner().run("mallory", "SELECT count(*) FROM generate_series(1, 1000000000)"))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.VALUE_AMPLIFIER))
                .hasMessageContaining("makes 1000000000 rows; run-query allows at most 100000 rows across the query");
    }

    /**
     * The attack that recovered a bcrypt hash in 153 requests: a UNION ALL of the real row and a guess,
     * ordered by the redacted column's position; whichever row comes first tells whether the guess sorts
     * before the hash, one character at a time. Every request must be refused, and nothing learned.
     */
    @Test
    void orderByOrdinalCannotExtractRedactedColumn() {
        ReadOnlyQueryRunner runner = readOnlyRunner();
        String alphabet = "$./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"; // bcrypt's, in byte order
        StringBuilder learned = new StringBuilder();
        int attempts = 0;
        List<QueryRejectedException> rejections = new ArrayList<>();
        for (int position = 0; position < 60; position++) {
            Character next = null;
            for (char candidate : alphabet.toCharArray()) {
                String guess = learned.toString() + candidate;
                attempts++;
                QueryResult result;
                try {
                    result = runner.run("mallory", "SELECT id, name, password_hash FROM users WHERE id = 1"
                            + " UNION ALL SELECT 0, 'guess', '" + guess + "' ORDER BY 3, 1");
                } catch (QueryRejectedException e) {
                    rejections.add(e);
                    continue;
                }
                boolean guessSortsFirst = ((Number) result.rows().get(0).get(0)).intValue() == 0;
                if (!guessSortsFirst) {
                    break;
                }
                next = candidate; // the guess is at or below alice's hash: the largest such candidate is the next character
            }
            if (next == null) {
                break;
            }
            learned.append(next);
        }

        assertThat(learned).as("characters of alice's password hash learned by ordering").isEmpty();
        assertThat(attempts).isEqualTo(alphabet.length());
        assertThat(rejections).hasSize(attempts)
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo(RejectionReason.REDACTED_COLUMN_USE));
    }

    @Test
    void userDefinedFunctionIsNotCallable() throws SQLException {
        createSleepFunction();
        try {
            try (Statement statement = sentinel().createStatement()) {
                statement.execute("SELECT SLEEP_MS(1)");
            }
            assertThat(sleepFunctionCalls()).as("the function exists and runs when called directly").isEqualTo(1);
            String database = sentinel().getMetaData().getDatabaseProductName();

            for (String call : List.of("SELECT SLEEP_MS(60000)", "SELECT sleep_ms(60000)", "SELECT \"SLEEP_MS\"(60000)",
                    "SELECT \"sleep_ms\"(60000)", "SELECT PUBLIC.SLEEP_MS(60000)", "SELECT public.sleep_ms(60000)",
                    "SELECT id FROM users WHERE SLEEP_MS(60000) IS NULL", "SELECT id FROM users ORDER BY SLEEP_MS(60000)",
                    "SELECT * FROM (SELECT SLEEP_MS(60000) AS x) s", "WITH w AS (SELECT SLEEP_MS(60000) AS x) SELECT * FROM w",
                    "SELECT count(*) FROM users GROUP BY SLEEP_MS(60000)")) {
                assertThatThrownBy(() -> applicationRunner().run("mallory", call)).as(call)
                        .isInstanceOfSatisfying(QueryRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo(RejectionReason.DENIED_FUNCTION))
                        .hasMessageContaining("() is not on the list of functions run-query allows on " + database);
            }
            // Oracle's q'[...]' quoting, which JSqlParser reads as one string and the database as a name and a string.
            assertThatThrownBy(() -> applicationRunner().run("mallory", "SELECT q'[ ', SLEEP_MS(60000), ' ]'"))
                    .isInstanceOfSatisfying(QueryRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SYNTAX));
            assertThatThrownBy(() -> applicationRunner().run("mallory",
                    "CREATE ALIAS EVIL_SLEEP FOR 'java.lang.Thread.sleep'"))
                    .isInstanceOfSatisfying(QueryRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.NOT_A_QUERY));
            assertThatThrownBy(() -> applicationRunner().run("mallory",
                    "SELECT 1; CREATE ALIAS EVIL_SLEEP FOR 'java.lang.Thread.sleep'; SELECT EVIL_SLEEP(60000)"))
                    .isInstanceOfSatisfying(QueryRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectionReason.MULTIPLE_STATEMENTS));
            assertThat(sleepFunctionCalls()).as("calls through the runner").isEqualTo(1);
        } finally {
            dropSleepFunction();
        }
    }

    @Test
    void hugeValueIsCutNotHeld() {
        QueryResult result = applicationRunner().run("mallory", "SELECT v AS big FROM big_value");

        assertThat(result.rowCount()).isEqualTo(1);
        String cell = (String) result.rows().get(0).get(0);
        String suffix = "… (" + BIG_VALUE_LENGTH + " characters)";
        assertThat(cell).hasSize(QueryRunnerSettings.DEFAULT_MAX_CELL_CHARS + suffix.length())
                .startsWith("0123456789").endsWith("x" + suffix);
    }

    @Test
    void endlessQueryIsAnsweredAsTimedOutAndThePoolIsWholeAfterwards() throws Exception {
        List<QueryAuditRecord> records = new CopyOnWriteArrayList<>();
        ReadOnlyQueryRunner runner = applicationRunner(settings().timeout(SHORT_TIMEOUT).build(),
                records::add);
        try {
            Throwable error = catchThrowable(() -> runner.run("alice", endlessQuery()));

            assertThat(error).isInstanceOfSatisfying(QueryFailedException.class, e -> {
                assertThat(e.timedOut()).as(e.getMessage()).isTrue();
                assertThat(e.getMessage()).startsWith("the query timed out after 300 ms");
            });
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(QueryAuditRecord.Outcome.FAILED);
                assertThat(r.error()).startsWith("the query timed out after 300 ms");
            });
            awaitUntil("the cancelled query has given its connection back", () -> activeConnections() == 0);
            assertPoolSessionsAreClean();
            assertThat(applicationRunner().run("alice", "SELECT count(*) AS n FROM users").rows())
                    .containsExactly(List.of(3L));
        } finally {
            runner.close();
        }
    }

    @Test
    void ordinaryAdminQueriesStillRun() {
        ReadOnlyQueryRunner runner = readOnlyRunner();
        List<String> queries = new ArrayList<>(List.of(
                "SELECT count(*) AS n FROM users",
                "SELECT name, count(*) FROM users GROUP BY name ORDER BY 2 DESC, 1",
                "SELECT email, count(*) AS n FROM users GROUP BY email HAVING count(*) >= 1 ORDER BY n DESC, email",
                "SELECT avg(id), min(name), max(email), sum(id) FROM users",
                "SELECT extract(year FROM CURRENT_DATE), date_trunc('day', CURRENT_TIMESTAMP), CURRENT_DATE",
                "SELECT coalesce(NULL, name), nullif(id, 2), greatest(id, 2), least(id, 2) FROM users ORDER BY id",
                "SELECT upper(name), lower(email), length(name), substring(email FROM 1 FOR 5), trim(' x '),"
                        + " replace(email, '@', ' at '), lpad(name, 8, '.'), concat(name, '#', id), name || '!' FROM users ORDER BY id",
                "SELECT CASE WHEN id > 1 THEN 'many' ELSE 'one' END, CAST(id AS VARCHAR(10)) FROM users",
                "SELECT id, name, row_number() OVER (ORDER BY id), rank() OVER (ORDER BY name), lag(name) OVER (ORDER BY id),"
                        + " sum(id) OVER () FROM users ORDER BY id",
                "SELECT u.name, count(s.id) FROM users u LEFT JOIN secrets s ON s.user_id = u.id GROUP BY u.name ORDER BY 1",
                "SELECT name FROM users WHERE id IN (SELECT user_id FROM secrets)"
                        + " AND EXISTS (SELECT 1 FROM secrets WHERE secrets.user_id = users.id)",
                "SELECT id, name FROM users ORDER BY 2",
                "SELECT * FROM users WHERE id = 1",
                "SELECT id, password_hash FROM users ORDER BY id",
                "SELECT count(*) FROM generate_series(1, 1000)",
                "WITH named AS (SELECT name || '@' AS label FROM users) SELECT label FROM named ORDER BY label",
                "SELECT lower(table_name) FROM information_schema.tables WHERE lower(table_schema) = 'public'",
                "SELECT lower(column_name) FROM information_schema.columns WHERE lower(table_schema) = 'public'"
                        + " AND lower(table_name) = 'users' ORDER BY lower(column_name)"));
        queries.addAll(databaseSpecificAdminQueries());

        for (String query : queries) {
            assertThat(runner.run("alice", query)).as(query).isNotNull();
        }
        assertThat(runner.run("alice", "SELECT id, name FROM users ORDER BY 2 DESC").rows())
                .containsExactly(List.of(3, "carol"), List.of(2, "bob"), List.of(1, "alice"));
        assertThat(runner.run("alice", "SELECT lower(column_name) FROM information_schema.columns"
                + " WHERE lower(table_schema) = 'public' AND lower(table_name) = 'users' ORDER BY lower(column_name)").rows())
                .containsExactly(List.of("email"), List.of("id"), List.of("name"), List.of("password_hash"));
    }

    @Test
    void requestsBeyondTheConcurrencyCapAreRefusedAtOnceAndAudited() throws Exception {
        List<QueryAuditRecord> records = new CopyOnWriteArrayList<>();
        ReadOnlyQueryRunner runner = applicationRunner(settings().maxConcurrentQueries(1)
                .timeout(Duration.ofMinutes(10)).build(), records::add);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            // Inspected now, so that the connection awaited below is the endless query's, not the inspection's.
            assertThat(runner.inspect().enabled()).isTrue();
            Future<QueryResult> endless = caller.submit(() -> runner.run("alice", endlessQuery()));
            awaitUntil("the endless query holds a connection", () -> activeConnections() == 1);

            Throwable busy = catchThrowable(() -> runner.run("bob", "SELECT 1 AS one"));

            assertThat(busy).isInstanceOfSatisfying(QueryRejectedException.class, e -> {
                assertThat(e.reason()).isEqualTo(RejectionReason.BUSY);
                assertThat(e.getMessage()).isEqualTo("a query is already running (monitor.query.max-concurrent=1);"
                        + " try again when one has finished");
            });
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.who()).isEqualTo("bob");
                assertThat(r.rejection()).isEqualTo(RejectionReason.BUSY);
            });
            runner.close();
            Throwable closed = catchThrowable(() -> endless.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertThat(closed).hasCauseInstanceOf(QueryFailedException.class)
                    .hasRootCauseMessage("the query runner was closed while the query ran");
            awaitUntil("the stopped query has given its connection back", () -> activeConnections() == 0);
            assertPoolSessionsAreClean();
        } finally {
            runner.close();
            caller.shutdownNow();
        }
    }

    @Test
    void queryReturnsColumnsRowsAndTruncation() {
        QueryResult result = readOnlyRunner().run("alice", "SELECT id, name FROM users ORDER BY id", 2);

        assertThat(result.columns()).extracting(c -> c.toLowerCase(Locale.ROOT)).containsExactly("id", "name");
        assertThat(result.rows()).containsExactly(List.of(1, "alice"), List.of(2, "bob"));
        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.truncated()).isTrue();
        assertThat(result.elapsedMs()).isNotNegative();

        QueryResult all = readOnlyRunner().run("alice", "SELECT id FROM users ORDER BY id", 3);
        assertThat(all.rows()).hasSize(3);
        assertThat(all.truncated()).isFalse();
    }

    @Test
    void withValuesAndExplainAreQueriesToo() {
        ReadOnlyQueryRunner runner = readOnlyRunner();

        assertThat(runner.run("alice", "WITH named AS (SELECT name FROM users WHERE id < 3) SELECT count(*) AS n FROM named")
                .rows()).containsExactly(List.of(2L));
        assertThat(runner.run("alice", "VALUES (1, 'one')").rows()).containsExactly(List.of(1, "one"));
        assertThat(runner.run("alice", "EXPLAIN SELECT * FROM users WHERE id = 1").rowCount()).isPositive();
    }

    @Test
    void requestsAboveTheCapGetTheCap() {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().maxRowsCap(2).defaultMaxRows(1).build(),
                QueryAuditor.NO_OP);

        assertThat(runner.run("alice", "SELECT id FROM users ORDER BY id", 1000).rows()).hasSize(2);
        assertThat(runner.run("alice", "SELECT id FROM users ORDER BY id").rows()).hasSize(1);
        assertThatThrownBy(() -> runner.run("alice", "SELECT 1", 0))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_MAX_ROWS))
                .hasMessage("maxRows must be at least 1, was 0");
    }

    @Test
    void resultSizeIsCapped() {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().maxCellChars(20).maxResultChars(24).build(),
                QueryAuditor.NO_OP);

        QueryResult result = runner.run("alice", "SELECT name, email FROM users ORDER BY id");

        // "alice" + "alice@example.com" = 7 + 19 characters with quotes: already past 24.
        assertThat(result.rows()).isEmpty();
        assertThat(result.truncated()).isTrue();
        QueryResult names = runner.run("alice", "SELECT name FROM users ORDER BY id");
        assertThat(names.rows()).containsExactly(List.of("alice"), List.of("bob"), List.of("carol"));
        assertThat(names.truncated()).isFalse();
        assertThat(runner.run("alice", "SELECT email FROM users ORDER BY id").rows())
                .containsExactly(List.of("alice@example.com"));
    }

    @Test
    void longValuesAreCut() {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().maxCellChars(16).build(), QueryAuditor.NO_OP);

        assertThat(runner.run("alice", "SELECT 'abcdefghijklmnopqrstuvwxyz' AS t").rows())
                .containsExactly(List.of("abcdefghijklmnop… (26 characters)"));
    }

    @Test
    void redactedColumnsShowStars() {
        ReadOnlyQueryRunner runner = readOnlyRunner();

        assertThat(runner.run("alice", "SELECT id, password_hash FROM users ORDER BY id").rows())
                .containsExactly(List.of(1, "***"), List.of(2, "***"), List.of(3, "***"));
        QueryResult star = runner.run("alice", "SELECT * FROM users WHERE id = 1");
        assertThat(star.columns()).extracting(c -> c.toLowerCase(Locale.ROOT))
                .containsExactly("id", "name", "email", "password_hash");
        assertThat(star.rows()).containsExactly(List.of(1, "alice", "alice@example.com", "***"));
        assertThatThrownBy(() -> runner.run("alice", "SELECT id FROM users WHERE password_hash LIKE '$2a$10$a%'"))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REDACTED_COLUMN_USE));
    }

    @Test
    void tablesOutsideTheAllowListAreRejected() {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().allowedTables(List.of("users")).build(),
                QueryAuditor.NO_OP);

        assertThat(runner.run("alice", "SELECT count(*) FROM users").rows()).containsExactly(List.of(3L));
        assertThatThrownBy(() -> runner.run("alice", "SELECT * FROM secrets"))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TABLE_NOT_ALLOWED))
                .hasMessage("table secrets is not in the allow-list (monitor.query.allowed-tables)");
        assertThatThrownBy(() -> runner.run("alice", "SELECT * FROM users, (WITH secrets AS (SELECT 1) SELECT 1) x, secrets"))
                .isInstanceOf(QueryRejectedException.class);
    }

    @Test
    void everyRequestIsAudited() {
        List<QueryAuditRecord> records = new CopyOnWriteArrayList<>();
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().build(), records::add);

        runner.run("alice", "SELECT id FROM users");
        catchThrowable(() -> runner.run("bob", "DELETE FROM users"));
        catchThrowable(() -> runner.run("carol", "SELECT no_such_column FROM users"));

        assertThat(records).hasSize(3);
        assertThat(records).extracting(QueryAuditRecord::who).containsExactly("alice", "bob", "carol");
        assertThat(records).extracting(QueryAuditRecord::at).containsOnly(NOW);
        assertThat(records.get(0)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(QueryAuditRecord.Outcome.ACCEPTED);
            assertThat(r.sql()).isEqualTo("SELECT id FROM users");
            assertThat(r.rowCount()).isEqualTo(3);
            assertThat(r.rejected()).isFalse();
            assertThat(r.reason()).isNull();
            assertThat(r.error()).isNull();
        });
        assertThat(records.get(1)).satisfies(r -> {
            assertThat(r.rejected()).isTrue();
            assertThat(r.rejection()).isEqualTo(RejectionReason.NOT_A_QUERY);
            assertThat(r.reason()).startsWith("DELETE is not a query");
            assertThat(r.rowCount()).isZero();
        });
        assertThat(records.get(2)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(QueryAuditRecord.Outcome.FAILED);
            assertThat(r.error()).containsIgnoringCase("no_such_column");
            assertThat(r.rejected()).isFalse();
        });
    }

    @Test
    void auditedSqlIsCut() {
        List<QueryAuditRecord> records = new ArrayList<>();
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().build(), records::add);

        runner.run("alice", "SELECT 1 AS one /*" + "x".repeat(10_000) + "*/");

        assertThat(records).singleElement().satisfies(r -> assertThat(r.sql()).hasSize(QueryAuditRecord.MAX_SQL_LENGTH)
                .startsWith("SELECT 1 AS one /*xxx").endsWith("x…"));
    }

    @Test
    void failingAuditorDoesNotChangeTheOutcome() {
        ReadOnlyQueryRunner runner = readOnlyRunner(settings().build(), record -> {
            throw new IllegalStateException("audit store down");
        });

        assertThat(runner.run("alice", "SELECT 1 AS one").rows()).containsExactly(List.of(1));
    }

    @Test
    void failedQueryIsReportedWithItsSqlState() {
        QueryFailedException failure = (QueryFailedException) catchThrowable(
                () -> readOnlyRunner().run("alice", "SELECT no_such_column FROM users"));

        assertThat(failure.timedOut()).isFalse();
        assertThat(failure.getMessage()).startsWith("the query failed: ").containsIgnoringCase("no_such_column")
                .contains("[SQLState " + failure.sqlState().orElseThrow() + "]");
    }

    @Test
    void leastPrivilegedRoleEnablesTheRunner() {
        RoleInspection inspection = readOnlyRunner().inspect();

        assertThat(inspection.enabled()).isTrue();
        assertThat(inspection.leastPrivileged()).isTrue();
        assertThat(inspection.findings()).isEmpty();
        assertThat(inspection.user()).isEqualToIgnoringCase("vigil_ro");
        assertThat(inspection.message()).endsWith("can only read: the query runner is enabled");
    }

    @Test
    void adminRoleDisablesTheRunner() {
        ReadOnlyQueryRunner runner = adminRunner(false);

        RoleInspection inspection = runner.inspect();

        assertThat(inspection.enabled()).isFalse();
        assertThat(inspection.findings()).isNotEmpty();
        assertThat(inspection.message()).startsWith("the query runner is disabled: role ")
                .contains("Give it a data source of its own");
        assertThat(runner.inspection()).hasValue(inspection);
        assertThatThrownBy(() -> runner.run("alice", "SELECT 1"))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.RUNNER_DISABLED))
                .hasMessage(inspection.message());
    }

    @Test
    void adminRoleIsAcceptedOnlyWhenDeclaredTheApplicationsDataSource() {
        ReadOnlyQueryRunner runner = adminRunner(true);

        RoleInspection inspection = runner.inspect();

        assertThat(inspection.enabled()).isTrue();
        assertThat(inspection.leastPrivileged()).isFalse();
        assertThat(inspection.message()).startsWith("the query runner is enabled on the application's data source, although");
        assertThat(runner.run("alice", "SELECT count(*) AS n FROM users").rows()).containsExactly(List.of(3L));
    }

    @Test
    void resultSerialisesToTheApiShape() {
        QueryResult result = readOnlyRunner().run("alice", "SELECT id, name, NULL AS nothing FROM users WHERE id = 1");

        JsonNode json = Json.mapper().valueToTree(result);

        assertThat(json.fieldNames()).toIterable().containsExactly("columns", "rows", "rowCount", "truncated", "elapsedMs");
        assertThat(json.get("rows").toString()).isEqualTo("[[1,\"alice\",null]]");
        assertThat(json.get("rowCount").asInt()).isEqualTo(1);
        assertThat(json.get("truncated").asBoolean()).isFalse();
        assertThat(new String(Json.write(result), java.nio.charset.StandardCharsets.UTF_8)).contains("\"columns\":[");
    }

    // ---- helpers for subclasses

    /** Waits until {@code condition} holds, failing the test after {@link #DEADLINE}. */
    static void awaitUntil(String what, Callable<Boolean> condition) {
        await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    /** Creates {@code big_value} with one value of {@link #BIG_VALUE_LENGTH} characters, of SQL type {@code textType}. */
    static void createBigValue(Connection admin, String textType) throws SQLException {
        execute(admin, "CREATE TABLE big_value (id INT PRIMARY KEY, v " + textType + ")");
        StringBuilder value = new StringBuilder(BIG_VALUE_LENGTH).append("0123456789");
        value.append("x".repeat(BIG_VALUE_LENGTH - value.length()));
        try (PreparedStatement insert = admin.prepareStatement("INSERT INTO big_value VALUES (1, ?)")) {
            insert.setString(1, value.toString());
            insert.executeUpdate();
        }
    }

    /** The dialect of the database under test. */
    SqlDialect dialect() throws SQLException {
        return SqlDialect.of(sentinel().getMetaData().getDatabaseProductName()).orElseThrow();
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static void execute(Connection connection, String statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements.split(";\n")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    static String string(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    /** Every row of users, in order, so that any change of data shows. */
    static String usersFingerprint(Connection connection) throws SQLException {
        StringBuilder fingerprint = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, name, email, password_hash FROM users ORDER BY id")) {
            while (rows.next()) {
                fingerprint.append(Arrays.asList(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4)))
                        .append('\n');
            }
        }
        return fingerprint.toString();
    }
}
