package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final MemoryAuditLog audit = new MemoryAuditLog();
    private final MemoryConfigStore store = new MemoryConfigStore();
    private final RuntimeConfig config = new RuntimeConfig(clock, store, audit, Map.of());

    private List<AuditEntry> configAudit() {
        return audit.query(AuditQuery.latest(100).ofType(AuditEntry.Type.CONFIG));
    }

    @Test
    void startsWithTheDocumentedDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("monitoring.enabled", true);
        expected.put("actions.kill-switch", false);
        expected.put("actions.auto-fix", false);
        expected.put("actions.max-per-hour", 10);
        expected.put("actions.require-approval-for-critical", true);
        expected.put("health.interval", "1m");

        assertThat(config.all()).containsExactlyEntriesOf(expected);
        assertThat(config.get(RuntimeConfig.HEALTH_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(10);
    }

    @Test
    void acceptsValuesAsJavaTypesTextAndJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        config.set("actions.kill-switch", "TRUE", "alice");
        config.set("actions.auto-fix", json.readTree("true"), "alice");
        config.set("actions.max-per-hour", json.readTree("25"), "alice");
        config.set("health.interval", "90s", "alice");

        assertThat(config.get(RuntimeConfig.KILL_SWITCH)).isTrue();
        assertThat(config.get(RuntimeConfig.AUTO_FIX)).isTrue();
        assertThat(config.get("actions.max-per-hour")).isEqualTo(25);
        assertThat(config.get("health.interval")).isEqualTo("90s");

        config.set(RuntimeConfig.HEALTH_INTERVAL, Duration.ofMinutes(5), "alice");
        assertThat(config.get("health.interval")).isEqualTo("5m");
        assertThat(config.set("health.interval", "PT1H", "alice")).isEqualTo("1h");
        assertThat(config.set("actions.max-per-hour", "7", "alice")).isEqualTo(7);
    }

    @Test
    void invalidValueIsRefusedWithAMessageNamingKeyRuleAndValue() throws Exception {
        assertThatThrownBy(() -> config.set("actions.max-per-hour", "abc", "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.max-per-hour must be an integer 1..1000, was 'abc'");
        assertThatThrownBy(() -> config.set("actions.max-per-hour", 0, "alice"))
                .hasMessage("actions.max-per-hour must be an integer 1..1000, was '0'");
        assertThatThrownBy(() -> config.set("actions.max-per-hour", new ObjectMapper().readTree("2.5"), "alice"))
                .hasMessage("actions.max-per-hour must be an integer 1..1000, was '2.5'");
        assertThatThrownBy(() -> config.set("actions.kill-switch", "yes", "alice"))
                .hasMessage("actions.kill-switch must be true or false, was 'yes'");
        assertThatThrownBy(() -> config.set("actions.kill-switch", null, "alice"))
                .hasMessage("actions.kill-switch must be true or false, was 'null'");
        assertThatThrownBy(() -> config.set("health.interval", "2h", "alice"))
                .hasMessage("health.interval must be a duration 1s..1h such as 30s or 5m, was '2h'");
        assertThatThrownBy(() -> config.set("health.interval", "500ms", "alice"))
                .hasMessage("health.interval must be a duration 1s..1h such as 30s or 5m, was '500ms'");

        assertThat(config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(10);
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void unknownKeyIsADistinctError() {
        assertThatThrownBy(() -> config.set("actions.nope", true, "alice"))
                .isInstanceOf(UnknownConfigKeyException.class)
                .isNotInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown runtime configuration key 'actions.nope'; known keys: monitoring.enabled, ");
        assertThatThrownBy(() -> config.get("actions.nope")).isInstanceOf(UnknownConfigKeyException.class);
    }

    @Test
    void everyChangeAttemptIsAudited() {
        config.set("actions.kill-switch", true, "alice");
        config.set("actions.kill-switch", true, "bob");
        try {
            config.set("actions.max-per-hour", "abc", "carol");
        } catch (IllegalArgumentException expected) {
            // audited below
        }
        try {
            config.set("actions.nope", 1, "dave");
        } catch (UnknownConfigKeyException expected) {
            // audited below
        }

        assertThat(configAudit()).extracting(AuditEntry::who, AuditEntry::subject, AuditEntry::outcome).containsExactly(
                tuple("dave", "actions.nope", "not_found"),
                tuple("carol", "actions.max-per-hour", "rejected"),
                tuple("bob", "actions.kill-switch", "unchanged"),
                tuple("alice", "actions.kill-switch", "changed"));
        AuditEntry change = configAudit().get(3);
        assertThat(change.details()).containsEntry("from", false).containsEntry("to", true);
        assertThat(change.time()).isEqualTo(clock.instant());
        assertThat(configAudit().get(1).error()).isEqualTo("actions.max-per-hour must be an integer 1..1000, was 'abc'");
    }

    @Test
    void changesArePersistedAndLoadedByTheNextInstance() {
        config.set("actions.max-per-hour", 3, "alice");
        clock.advance(Duration.ofMinutes(1));
        config.set("health.interval", "30s", "bob");

        RuntimeConfig restarted = new RuntimeConfig(clock, store, audit, Map.of());

        assertThat(restarted.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(3);
        assertThat(restarted.get(RuntimeConfig.HEALTH_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(restarted.entries()).filteredOn(entry -> entry.key().equals("health.interval")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.updatedBy()).isEqualTo("bob");
                    assertThat(entry.updatedAt()).isEqualTo(clock.instant());
                    assertThat(entry.defaultValue()).isEqualTo("1m");
                    assertThat(entry.allowed()).isEqualTo("1s..1h");
                    assertThat(entry.type()).isEqualTo("duration");
                });
    }

    @Test
    void invalidOrUnknownStoredValuesAreIgnored() {
        store.save(new StoredSetting("actions.max-per-hour", "lots", clock.instant(), "db"));
        store.save(new StoredSetting("gone.key", "true", clock.instant(), "db"));
        store.save(new StoredSetting("actions.auto-fix", "true", clock.instant(), "db"));

        RuntimeConfig loaded = new RuntimeConfig(clock, store, audit, Map.of());

        assertThat(loaded.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(10);
        assertThat(loaded.get(RuntimeConfig.AUTO_FIX)).isTrue();
    }

    @Test
    void defaultsCanBeReplacedAtConstructionAndStoredValuesWinOverThem() {
        store.save(new StoredSetting("actions.kill-switch", "false", clock.instant(), "alice"));
        RuntimeConfig custom = new RuntimeConfig(clock, store, audit,
                Map.of("actions.max-per-hour", 20, "actions.kill-switch", true, "health.interval", "15s"));

        assertThat(custom.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(20);
        assertThat(custom.get(RuntimeConfig.HEALTH_INTERVAL)).isEqualTo(Duration.ofSeconds(15));
        assertThat(custom.get(RuntimeConfig.KILL_SWITCH)).isFalse();
        assertThat(custom.entries().get(1).defaultValue()).isEqualTo(true);
    }

    @Test
    void invalidOrUnknownDefaultsFailConstruction() {
        assertThatThrownBy(() -> new RuntimeConfig(clock, store, audit, Map.of("actions.max-per-hour", 5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.max-per-hour must be an integer 1..1000, was '5000'");
        assertThatThrownBy(() -> new RuntimeConfig(clock, store, audit, Map.of("actions.max", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown runtime configuration key 'actions.max'");
    }

    @Test
    void listenersHearEachRealChangeOnce() {
        List<Duration> intervals = new ArrayList<>();
        List<ConfigChange> changes = new ArrayList<>();
        config.onChange(RuntimeConfig.HEALTH_INTERVAL, intervals::add);
        config.onAnyChange(changes::add);

        config.set("health.interval", "30s", "alice");
        config.set("health.interval", "30s", "alice");
        config.set("actions.kill-switch", true, "bob");

        assertThat(intervals).containsExactly(Duration.ofSeconds(30));
        assertThat(changes).containsExactly(
                new ConfigChange("health.interval", "1m", "30s", "alice", clock.instant()),
                new ConfigChange("actions.kill-switch", false, true, "bob", clock.instant()));
    }

    @Test
    void failingListenerNeitherUndoesTheChangeNorSilencesOthers() {
        List<Boolean> heard = new ArrayList<>();
        config.onChange(RuntimeConfig.AUTO_FIX, value -> {
            throw new IllegalStateException("listener bug");
        });
        config.onChange(RuntimeConfig.AUTO_FIX, heard::add);

        config.set("actions.auto-fix", true, "alice");

        assertThat(config.get(RuntimeConfig.AUTO_FIX)).isTrue();
        assertThat(heard).containsExactly(true);
    }

    @Test
    void reloadAppliesWhatAnotherInstanceStoredAndTellsListeners() {
        RuntimeConfig other = new RuntimeConfig(clock, store, audit, Map.of());
        List<Integer> heard = new ArrayList<>();
        config.onChange(RuntimeConfig.MAX_ACTIONS_PER_HOUR, heard::add);

        other.set("actions.max-per-hour", 4, "alice");
        assertThat(config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(10);
        config.reload();

        assertThat(config.get(RuntimeConfig.MAX_ACTIONS_PER_HOUR)).isEqualTo(4);
        assertThat(heard).containsExactly(4);
        config.reload();
        assertThat(heard).containsExactly(4);
    }

    @Test
    void storeFailureLeavesTheValueUnchangedAndIsAudited() {
        ConfigStore broken = new ConfigStore() {
            @Override
            public List<StoredSetting> loadAll() {
                return List.of();
            }

            @Override
            public void save(StoredSetting setting) {
                throw new IllegalStateException("database down");
            }
        };
        RuntimeConfig config = new RuntimeConfig(clock, broken, audit, Map.of());

        assertThatThrownBy(() -> config.set("actions.kill-switch", true, "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not persist actions.kill-switch: database down");
        assertThat(config.get(RuntimeConfig.KILL_SWITCH)).isFalse();
        assertThat(configAudit()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("failed");
            assertThat(entry.error()).contains("database down");
        });
    }

    @Test
    void storeThatCannotBeReadAtStartLeavesTheDefaultsUntilAReloadReadsIt() {
        store.save(new StoredSetting("actions.kill-switch", "true", clock.instant(), "alice"));
        boolean[] away = {true};
        ConfigStore awayAtStart = new ConfigStore() {
            @Override
            public List<StoredSetting> loadAll() {
                if (away[0]) {
                    throw new IllegalStateException("database down");
                }
                return store.loadAll();
            }

            @Override
            public void save(StoredSetting setting) {
                store.save(setting);
            }
        };

        RuntimeConfig config = new RuntimeConfig(clock, awayAtStart, audit, Map.of());
        assertThat(config.get(RuntimeConfig.KILL_SWITCH)).isFalse();

        away[0] = false;
        config.reload();
        assertThat(config.get(RuntimeConfig.KILL_SWITCH)).isTrue();
    }
}
