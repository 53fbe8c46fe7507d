package dev.vigil.store.contract;

import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;

/** The memory store passes the contract; it is bounded by size, so it skips the purge tests. */
class MemoryMonitorStoreContractTest extends MonitorStoreContractTest {

    @Override
    protected MonitorStore newStore(TestClock clock) {
        return new MemoryMonitorStore(clock);
    }

    @Override
    protected boolean purgesByAge() {
        return false;
    }
}
