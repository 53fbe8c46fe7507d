package dev.vigil.jdbc.store;

import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.contract.MonitorStoreContractTest;
import dev.vigil.store.contract.TestClock;
import org.h2.jdbcx.JdbcDataSource;

/** The JDBC store on H2 in memory passes the contract; each test has tables of its own prefix. */
class JdbcMonitorStoreH2ContractTest extends MonitorStoreContractTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    static JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Override
    protected MonitorStore newStore(TestClock clock) {
        return JdbcMonitorStore.builder(h2("contract"))
                .tablePrefix("t" + PREFIXES.incrementAndGet() + "_")
                .clock(clock)
                .build();
    }
}
