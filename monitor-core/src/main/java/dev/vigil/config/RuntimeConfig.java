package dev.vigil.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.health.HealthSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed switches that change while the service runs, without a redeploy: the actions' kill switch,
 * auto-remediation, the hourly action limit, approval for critical actions, whether monitoring runs and
 * the health check interval. Each change is validated, persisted through a {@link ConfigStore}, written
 * to the {@link AuditLog} and announced to listeners; a refused change is audited too.
 *
 * <pre>{@code
 * RuntimeConfig config = new RuntimeConfig(clock, new MemoryConfigStore(), audit, Map.of("actions.max-per-hour", 20));
 * config.onChange(RuntimeConfig.HEALTH_INTERVAL, interval -> ...);
 * config.set("actions.kill-switch", true, "alice");     // from the admin API
 * boolean killed = config.get(RuntimeConfig.KILL_SWITCH); // from code
 * }</pre>
 *
 * <p>Threading: reads are lock-free; changes are serialised, and listeners run on the changing thread,
 * in the order of the changes, after the new value is visible. A listener that throws is logged and
 * does not undo the change or keep other listeners from running.
 */
public final class RuntimeConfig {

    private static final Logger log = LoggerFactory.getLogger(RuntimeConfig.class);

    /** Whether Vigil runs its checks, metric collection and alert evaluation (default true). */
    public static final ConfigKey<Boolean> MONITORING_ENABLED = ConfigKey.bool("monitoring.enabled", true,
            "Whether Vigil runs health checks, collects metrics and evaluates alert rules");
    /** Emergency stop: while true no remediation action runs, whoever triggers it (default false). */
    public static final ConfigKey<Boolean> KILL_SWITCH = ConfigKey.bool("actions.kill-switch", false,
            "Emergency stop: while on, no remediation action runs");
    /** Whether a firing alert runs its suggested action by itself, through the guardrails (default false). */
    public static final ConfigKey<Boolean> AUTO_FIX = ConfigKey.bool("actions.auto-fix", false,
            "Whether firing alerts run their suggested remediation action automatically");
    /** How many times one action may run in any rolling hour (1..1000, default 10). */
    public static final ConfigKey<Integer> MAX_ACTIONS_PER_HOUR = ConfigKey.integer("actions.max-per-hour", 10, 1, 1000,
            "How many times one action may run in any rolling hour");
    /** Whether critical actions need a second, approving call before they run (default true). */
    public static final ConfigKey<Boolean> REQUIRE_APPROVAL_FOR_CRITICAL = ConfigKey.bool(
            "actions.require-approval-for-critical", true, "Whether critical actions run only after a human approved them");
    /** Default interval between two runs of a health check (1s..1h, default 60s). */
    public static final ConfigKey<Duration> HEALTH_INTERVAL = ConfigKey.duration("health.interval",
            HealthSettings.DEFAULT_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1),
            "Default interval between two runs of a health check");

    /** Every key, in the order {@link #all()} lists them. */
    public static final List<ConfigKey<?>> KEYS = List.of(MONITORING_ENABLED, KILL_SWITCH, AUTO_FIX,
            MAX_ACTIONS_PER_HOUR, REQUIRE_APPROVAL_FOR_CRITICAL, HEALTH_INTERVAL);

    private final Clock clock;
    private final ConfigStore store;
    private final AuditLog audit;
    private final Map<String, Slot<?>> slots = new LinkedHashMap<>(); // fixed after construction
    private volatile boolean loaded;
    private final List<Consumer<ConfigChange>> anyListeners = new CopyOnWriteArrayList<>();
    private final Object changeLock = new Object();

    /**
     * Creates the configuration with the built-in defaults, an in-memory store and the given audit log.
     *
     * @param clock when changes happen
     * @param audit where changes are recorded
     */
    public static RuntimeConfig inMemory(Clock clock, AuditLog audit) {
        return new RuntimeConfig(clock, new MemoryConfigStore(), audit, Map.of());
    }

    /**
     * Creates the configuration and loads the values stored earlier; a stored value that is no longer
     * valid (or whose key no longer exists) is logged and ignored. A store that cannot be read (a shared
     * database that is away) is logged: the defaults apply until {@link #reload()} reads it.
     *
     * @param clock when changes happen
     * @param store where changes are persisted
     * @param audit where changes are recorded
     * @param defaults defaults that replace the built-in ones, by key (e.g. from {@code application.yml}),
     *        in any form {@link #set} accepts
     * @throws IllegalArgumentException for an unknown key or an invalid value among {@code defaults}
     */
    public RuntimeConfig(Clock clock, ConfigStore store, AuditLog audit, Map<String, ?> defaults) {
        this(clock, store, audit, defaults, true);
    }

    /**
     * Creates the configuration with its defaults only, without reading the store: the first {@link #reload()}
     * applies the stored values. For a store on a database, so that building it never waits for the database
     * on the host's thread.
     *
     * @throws IllegalArgumentException for an unknown key or an invalid value among {@code defaults}
     */
    public static RuntimeConfig unloaded(Clock clock, ConfigStore store, AuditLog audit, Map<String, ?> defaults) {
        return new RuntimeConfig(clock, store, audit, defaults, false);
    }

    private RuntimeConfig(Clock clock, ConfigStore store, AuditLog audit, Map<String, ?> defaults, boolean load) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        for (ConfigKey<?> key : KEYS) {
            slots.put(key.name(), slotFor(key));
        }
        defaults.forEach((name, value) -> {
            Slot<?> slot = slots.get(name);
            if (slot == null) {
                throw new IllegalArgumentException("unknown runtime configuration key '" + name + "' among the defaults; "
                        + "known keys: " + String.join(", ", slots.keySet()));
            }
            slot.setDefault(value);
        });
        if (!load) {
            return;
        }
        List<StoredSetting> stored;
        try {
            stored = store.loadAll();
            loaded = true;
        } catch (RuntimeException e) { // a shared store whose database is away must not keep the host from starting
            log.warn("Could not read the stored runtime configuration; the defaults apply until it can be read (reload): {}",
                    e.toString());
            stored = List.of();
        }
        for (StoredSetting setting : stored) {
            Slot<?> slot = slots.get(setting.key());
            if (slot == null) {
                log.warn("Ignoring stored runtime configuration key '{}': it does not exist (any more)", setting.key());
                continue;
            }
            try {
                slot.load(setting);
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring the stored value of runtime configuration key '{}' and using {}: {}",
                        setting.key(), slot.json(), e.getMessage());
            }
        }
    }

    /**
     * Whether the stored values have been read at least once. Until then the defaults apply, and the action
     * service refuses to run anything, since a kill switch someone turned on may not be known yet.
     */
    public boolean loaded() {
        return loaded;
    }

    /** The current value of {@code key}. */
    public <T> T get(ConfigKey<T> key) {
        return key.type().cast(slot(key.name()).value);
    }

    /**
     * The current value of {@code key}, JSON-friendly (a boolean, an integer, or a duration as text).
     *
     * @throws UnknownConfigKeyException if there is no such key
     */
    public Object get(String key) {
        return slot(key).json();
    }

    /** Every key with its current value, JSON-friendly, in the order of {@link #KEYS}. */
    public Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        slots.forEach((name, slot) -> all.put(name, slot.json()));
        return all;
    }

    /** Every key with its value, default, allowed values, description and last change. */
    public List<ConfigEntry> entries() {
        List<ConfigEntry> entries = new ArrayList<>(slots.size());
        slots.values().forEach(slot -> entries.add(slot.entry()));
        return List.copyOf(entries);
    }

    /**
     * Sets {@code key} to {@code value} (its Java type, text, or a Jackson {@code JsonNode}), persists and
     * audits the change and calls the listeners. Setting the current value again is audited as
     * {@code unchanged} and calls no listener.
     *
     * @param who who changes it, for the audit trail
     * @return the new value, JSON-friendly
     * @throws UnknownConfigKeyException if there is no such key (audited)
     * @throws IllegalArgumentException with a precise message if the value is invalid (audited), e.g.
     *         {@code actions.max-per-hour must be an integer 1..1000, was 'abc'}
     * @throws IllegalStateException if the store could not persist it; nothing changed then (audited)
     */
    public Object set(String key, @Nullable Object value, String who) {
        Objects.requireNonNull(who, "who");
        Slot<?> slot = slots.get(key);
        if (slot == null) {
            UnknownConfigKeyException unknown = new UnknownConfigKeyException(key, slots.keySet());
            audit(key, who, Map.of(), "not_found", unknown.getMessage());
            throw unknown;
        }
        return slot.set(value, who);
    }

    /** Sets {@code key} to {@code value}; see {@link #set(String, Object, String)}. */
    public <T> void set(ConfigKey<T> key, T value, String who) {
        set(key.name(), value, who);
    }

    /**
     * Calls {@code listener} with the new value each time {@code key} changes (not now), e.g. to apply
     * {@link #HEALTH_INTERVAL} to the scheduler.
     */
    public <T> void onChange(ConfigKey<T> key, Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        Slot<?> slot = slot(key.name());
        slot.listeners.add(value -> listener.accept(key.type().cast(value)));
    }

    /** Calls {@code listener} for every change of any key. */
    public void onAnyChange(Consumer<ConfigChange> listener) {
        anyListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads the store again and applies what another instance (or an operator, in the database) changed,
     * calling the listeners. A key missing from the store goes back to its default.
     */
    public void reload() {
        Map<String, StoredSetting> stored = new LinkedHashMap<>();
        for (StoredSetting setting : store.loadAll()) {
            stored.put(setting.key(), setting);
        }
        loaded = true;
        for (Slot<?> slot : slots.values()) {
            try {
                slot.reload(stored.get(slot.key.name()));
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring the stored value of runtime configuration key '{}' and keeping {}: {}",
                        slot.key.name(), slot.json(), e.getMessage());
            }
        }
    }

    private <T> Slot<T> slotFor(ConfigKey<T> key) {
        return new Slot<>(key, key.defaultValue());
    }

    private Slot<?> slot(String key) {
        Slot<?> slot = slots.get(key);
        if (slot == null) {
            throw new UnknownConfigKeyException(key, slots.keySet());
        }
        return slot;
    }

    private void audit(String key, String who, Map<String, Object> details, String outcome, @Nullable String error) {
        try {
            audit.add(new AuditEntry(AuditEntry.newId(), clock.instant(), AuditEntry.Type.CONFIG, who, key, details,
                    outcome, error));
        } catch (RuntimeException e) {
            log.error("Could not audit the change of runtime configuration key '{}' by {}", key, who, e);
        }
    }

    /** One key's state. */
    private final class Slot<T> {
        final ConfigKey<T> key;
        final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
        volatile T defaultValue;
        volatile T value;
        volatile @Nullable Instant updatedAt;
        volatile @Nullable String updatedBy;

        Slot(ConfigKey<T> key, T defaultValue) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.value = defaultValue;
        }

        Object json() {
            return key.toJson(value);
        }

        void setDefault(Object raw) {
            T parsed = key.parse(raw);
            defaultValue = parsed;
            value = parsed;
        }

        void load(StoredSetting stored) {
            value = key.parse(stored.value());
            updatedAt = stored.updatedAt();
            updatedBy = stored.updatedBy();
        }

        ConfigEntry entry() {
            return new ConfigEntry(key.name(), key.typeName(), json(), key.toJson(defaultValue), key.allowed(),
                    key.description(), updatedAt, updatedBy);
        }

        Object set(@Nullable Object raw, String who) {
            T parsed;
            try {
                parsed = key.parse(raw);
            } catch (IllegalArgumentException e) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("value", raw == null ? null : String.valueOf(raw));
                audit(key.name(), who, details, "rejected", e.getMessage());
                throw e;
            }
            synchronized (changeLock) {
                T before = value;
                Instant now = clock.instant();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("from", key.toJson(before));
                details.put("to", key.toJson(parsed));
                try {
                    store.save(new StoredSetting(key.name(), key.toText(parsed), now, who));
                } catch (RuntimeException e) {
                    audit(key.name(), who, details, "failed", "could not persist: " + e);
                    throw new IllegalStateException("could not persist " + key.name() + ": " + e.getMessage(), e);
                }
                value = parsed;
                updatedAt = now;
                updatedBy = who;
                boolean changed = !before.equals(parsed);
                audit(key.name(), who, details, changed ? "changed" : "unchanged", null);
                if (changed) {
                    log.info("Runtime configuration {} changed from {} to {} by {}", key.name(), key.toJson(before),
                            key.toJson(parsed), who);
                    announce(before, parsed, who, now);
                }
                return key.toJson(parsed);
            }
        }

        void reload(@Nullable StoredSetting stored) {
            T parsed = stored == null ? defaultValue : key.parse(stored.value());
            synchronized (changeLock) {
                T before = value;
                value = parsed;
                updatedAt = stored == null ? null : stored.updatedAt();
                updatedBy = stored == null ? null : stored.updatedBy();
                if (!before.equals(parsed)) {
                    String who = stored == null ? "store" : stored.updatedBy();
                    log.info("Runtime configuration {} changed from {} to {} by {} (reloaded from the store)",
                            key.name(), key.toJson(before), key.toJson(parsed), who);
                    announce(before, parsed, who, stored == null ? clock.instant() : stored.updatedAt());
                }
            }
        }

        private void announce(T before, T after, String who, Instant at) {
            for (Consumer<Object> listener : listeners) {
                notify(listener, after);
            }
            ConfigChange change = new ConfigChange(key.name(), key.toJson(before), key.toJson(after), who, at);
            for (Consumer<ConfigChange> listener : anyListeners) {
                notify(listener, change);
            }
        }

        private <V> void notify(Consumer<V> listener, V value) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.error("A listener of runtime configuration key '{}' failed; the change stands", key.name(), e);
            }
        }
    }
}
