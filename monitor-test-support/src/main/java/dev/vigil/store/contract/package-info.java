/**
 * The behaviour every {@link dev.vigil.store.MonitorStore} shares, as a JUnit 5 suite to extend:
 * {@link dev.vigil.store.contract.MonitorStoreContractTest}. The memory store and the JDBC store pass it; a
 * store of your own can too.
 */
package dev.vigil.store.contract;
