package dev.vigil.jdbc.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.contract.MonitorStoreContractTest;
import dev.vigil.store.contract.TestClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on a real PostgreSQL passes the contract; one server for the class, a prefix per test. */
class JdbcMonitorStorePostgresContractTest extends MonitorStoreContractTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected MonitorStore newStore(TestClock clock) {
        return JdbcMonitorStore.builder(postgres.getPostgresDatabase())
                .tablePrefix("t" + PREFIXES.incrementAndGet() + "_")
                .initializeSchema(SchemaInitialization.ALWAYS)
                .clock(clock)
                .build();
    }
}
