package dev.vigil.config;

class MemoryConfigStoreTest extends ConfigStoreContractTest {

    @Override
    protected ConfigStore newStore() {
        return new MemoryConfigStore();
    }
}
