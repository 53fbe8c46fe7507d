package dev.vigil.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which {@link NoticeArea areas} are affected, and answers "is there a notice for this path?" with
 * a lookup. An area is affected while one of its checks has a result other than UP, one of its rules fires,
 * or a firing alert's labels name it ({@code area=<name>}) or one of its routes ({@code route} or
 * {@code page} within its prefixes).
 *
 * <p>The work is done once per {@link #refresh()} (the monitor calls it after every alert evaluation, so an
 * area turns active within one evaluation interval of the check or alert that affects it, and inactive
 * within one after recovery); request threads only read the result: a prefix match over the areas and a
 * map lookup, no allocation. Each area also counts the distinct users affected
 * ({@link #recordUser}), for its alert's message.
 */
public final class NoticeService {

    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);

    private final Clock clock;
    private final NoticeSettings settings;
    private final Supplier<HealthReport> health;
    private final Supplier<List<Alert>> alerts;
    private final Prefix[] prefixes; // longest first
    private final Map<String, UserImpact> impact = new LinkedHashMap<>();
    private volatile Map<String, Notice> active = Map.of();

    /**
     * @param clock what {@code since} and the impact window read
     * @param settings the areas and their messages
     * @param health the latest health report (stored results: reading it runs no check)
     * @param alerts the pending and firing alerts
     */
    public NoticeService(Clock clock, NoticeSettings settings, Supplier<HealthReport> health, Supplier<List<Alert>> alerts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = Objects.requireNonNull(health, "health");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        List<Prefix> all = new ArrayList<>();
        for (NoticeArea area : settings.areas()) {
            area.paths().forEach(path -> all.add(new Prefix(path, area)));
            impact.put(area.name(), new UserImpact(settings.impactWindow().toMillis(), settings.maxUsersPerArea()));
        }
        all.sort(Comparator.comparingInt((Prefix prefix) -> prefix.path.length()).reversed());
        this.prefixes = all.toArray(Prefix[]::new);
    }

    /** The areas, messages and limits this service works with. */
    public NoticeSettings settings() {
        return settings;
    }

    /** The area whose longest prefix covers {@code path} (whole segments), if any. */
    public Optional<NoticeArea> area(String path) {
        return Optional.ofNullable(areaAt(path, 0));
    }

    /**
     * The area covering {@code path} read from index {@code from} (past a context path, say), or null;
     * allocates nothing, for request threads.
     */
    public @Nullable NoticeArea areaAt(String path, int from) {
        for (Prefix prefix : prefixes) {
            if (NoticeArea.coversAt(prefix.path, path, from)) {
                return prefix.area;
            }
        }
        return null;
    }

    /** The notice for {@code path}: its area's, while that area is affected. */
    public Optional<Notice> notice(String path) {
        NoticeArea area = areaAt(path, 0);
        return area == null ? Optional.empty() : Optional.ofNullable(active.get(area.name()));
    }

    /** The notice of the area named {@code area}, while it is affected. */
    public Optional<Notice> noticeOf(String area) {
        return Optional.ofNullable(active.get(area));
    }

    /** Whether the area named {@code area} is affected now (as of the last refresh). */
    public boolean isActive(NoticeArea area) {
        return active.containsKey(area.name());
    }

    /** The current notices, in the order the areas were declared. */
    public List<Notice> active() {
        return List.copyOf(active.values());
    }

    /**
     * Recomputes which areas are affected from the latest health report and the firing alerts. An area that
     * stays affected keeps its {@code since}; one that recovers drops its notice.
     */
    public void refresh() {
        if (!settings.enabled() || settings.areas().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, HealthStatus> unhealthy = new LinkedHashMap<>();
        for (CheckHealth check : health.get().checks()) {
            if (check.checked() && check.result().status() != HealthStatus.UP) {
                unhealthy.put(check.name(), check.result().status());
            }
        }
        List<Alert> firing = new ArrayList<>();
        for (Alert alert : alerts.get()) {
            if (alert.state() == AlertState.FIRING) {
                firing.add(alert);
            }
        }
        Map<String, Notice> previous = active;
        Map<String, Notice> next = new LinkedHashMap<>();
        for (NoticeArea area : settings.areas()) {
            String cause = cause(area, unhealthy, firing);
            Notice before = previous.get(area.name());
            if (cause == null) {
                if (before != null) {
                    log.info("Notice for area '{}' cleared", area.name());
                }
                continue;
            }
            if (before == null) {
                log.info("Notice for area '{}' is shown: {}", area.name(), cause);
            }
            next.put(area.name(), new Notice(area.name(), area.ownMessage().orElse(settings.defaultMessage()),
                    before != null ? before.since() : now));
        }
        active = next.isEmpty() ? Map.of() : Collections.unmodifiableMap(next);
    }

    private static @Nullable String cause(NoticeArea area, Map<String, HealthStatus> unhealthy, List<Alert> firing) {
        for (String check : area.checks()) {
            HealthStatus status = unhealthy.get(check);
            if (status != null) {
                return "check " + check + " is " + status.name().toLowerCase(Locale.ROOT);
            }
        }
        for (Alert alert : firing) {
            if (area.rules().contains(alert.rule()) || area.name().equals(alert.labels().get("area"))
                    || covered(area, alert.labels().get("route")) || covered(area, alert.labels().get("page"))) {
                return "alert " + alert.rule() + " " + alert.labels();
            }
        }
        return null;
    }

    private static boolean covered(NoticeArea area, @Nullable String route) {
        return route != null && area.covers(route);
    }

    /**
     * Counts {@code user} as affected in {@code area} (the request filter calls this for a request to the
     * area that failed or came while the area was affected). Cheap and bounded; the id itself is not kept.
     */
    public void recordUser(NoticeArea area, String user) {
        UserImpact users = impact.get(area.name());
        if (users != null && !user.isEmpty()) {
            users.record(user, clock.millis());
        }
    }

    /** Distinct users affected in the area over the impact window; {@code maxUsersPerArea} means at least that many. */
    public int affectedUsers(String area) {
        UserImpact users = impact.get(area);
        return users == null ? 0 : users.count(clock.millis());
    }

    /** {@link #affectedUsers} as a message shows it: {@code 12}, {@code 1,204}, or {@code 10,000+} at the cap. */
    public String affectedUsersText(String area) {
        int count = affectedUsers(area);
        String number = String.format(Locale.ROOT, "%,d", count);
        return count >= settings.maxUsersPerArea() ? number + "+" : number;
    }

    private record Prefix(String path, NoticeArea area) {
    }
}
