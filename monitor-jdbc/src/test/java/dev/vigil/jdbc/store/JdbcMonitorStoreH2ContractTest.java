package dev.vigil.jdbc.store;

import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.contract.MonitorStoreContractTest;
import dev.vigil.store.contract.TestClock;

/** The JDBC store on H2 in memory passes the contract; each test has tables of its own prefix. */
class JdbcMonitorStoreH2ContractTest extends MonitorStoreContractTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @Override
    protected MonitorStore newStore(TestClock clock) {
        return JdbcMonitorStore.builder(StoreTests.h2("contract"))
                .tablePrefix("t" + PREFIXES.incrementAndGet() + "_")
                .clock(clock)
                .build();
    }
}
