package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ConfigStore} shares; the memory store and persistent ones extend this suite. */
public abstract class ConfigStoreContractTest {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ConfigStore store;

    /** A new, empty store. */
    protected abstract ConfigStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void newStoreHoldsNothing() {
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void savedSettingIsLoadedBackAsSaved() {
        StoredSetting setting = new StoredSetting("actions.kill-switch", "true", T0, "alice");
        store.save(setting);

        assertThat(store.loadAll()).containsExactly(setting);
    }

    @Test
    void savingAKeyAgainReplacesIt() {
        store.save(new StoredSetting("actions.max-per-hour", "20", T0, "alice"));
        store.save(new StoredSetting("actions.max-per-hour", "5", T0.plusSeconds(60), "bob"));
        store.save(new StoredSetting("health.interval", "30s", T0, "alice"));

        assertThat(store.loadAll()).containsExactlyInAnyOrder(
                new StoredSetting("actions.max-per-hour", "5", T0.plusSeconds(60), "bob"),
                new StoredSetting("health.interval", "30s", T0, "alice"));
    }
}
