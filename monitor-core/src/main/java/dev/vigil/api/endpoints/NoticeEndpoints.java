package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.api.Access;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.api.StaticResources;
import dev.vigil.internal.KeyedRateLimiter;
import dev.vigil.notice.Notice;
import dev.vigil.notice.NoticeService;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.notice.PageLoads;

/**
 * The public side of notices: {@code GET /api/notices?path=} (the calm message for the area of a page, if
 * it is affected), {@code POST /api/notices/beacon} (a page's load time, from the script) and the script
 * itself at {@code /api/notices.js}. Nothing internal is ever in an answer: no check, rule or error.
 */
public final class NoticeEndpoints {

    /** Where the notice answer is served. */
    public static final String NOTICES_PATH = "/api/notices";
    /** Where page loads are reported. */
    public static final String BEACON_PATH = "/api/notices/beacon";
    /** Where the script is served. */
    public static final String SCRIPT_PATH = "/api/notices.js";
    /** Longest page path the notice answer accepts. */
    public static final int MAX_PATH = 1000;
    /** Longest page path a beacon may carry. */
    public static final int MAX_BEACON_PATH = 200;
    /** Longest page load a beacon may report: 10 minutes. */
    public static final int MAX_LOAD_MS = 600_000;
    /** Most client addresses the beacon's rate limit remembers. */
    static final int MAX_CLIENTS = 10_000;

    private static final BodySpec BEACON = BodySpec.of(
            BodyField.string("path").required().maxLength(MAX_BEACON_PATH).describedAs("the page's path, e.g. /media-upload"),
            BodyField.integer("loadMs").required().between(0, MAX_LOAD_MS).describedAs("load time in milliseconds"));

    private NoticeEndpoints() {
    }

    /** The operations for {@code notices} (the beacon only when it is enabled). */
    public static List<Operation> operations(NoticeService notices, PageLoads pageLoads, Clock clock) {
        List<Operation> operations = new ArrayList<>();
        operations.add(notice(notices));
        NoticeSettings settings = notices.settings();
        if (settings.beaconEnabled()) {
            operations.add(beacon(pageLoads, settings, clock));
        }
        return operations;
    }

    /** The script a page includes with {@code <script src="/api/notices.js" defer></script>}. */
    public static StaticResources script() {
        return StaticResources.builder(SCRIPT_PATH, "META-INF/vigil/notices")
                .classLoader(NoticeEndpoints.class.getClassLoader())
                .index("notices.js")
                .build();
    }

    static Operation notice(NoticeService notices) {
        NoticeSettings settings = notices.settings();
        String cacheControl = "public, max-age=" + settings.maxAge().toSeconds();
        return Operation.get("notices", NOTICES_PATH)
                .atRoot()
                .access(Access.PUBLIC)
                .description("The calm message for the area of a page while that area is affected: {active, area,"
                        + " message, since}, or {active: false}")
                .input(InputSchema.builder()
                        .query(BodyField.string("path").required().maxLength(MAX_PATH)
                                .describedAs("the page's path, starting with /"))
                        .build())
                .handler((caller, arguments) -> {
                    String path = arguments.string("path").orElseThrow();
                    checkPath(path);
                    Optional<Notice> notice = notices.notice(path);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("active", notice.isPresent());
                    notice.ifPresent(found -> {
                        body.put("area", found.area());
                        body.put("message", found.message());
                        body.put("since", found.since().toString());
                    });
                    if (settings.beaconEnabled()) {
                        body.put("sampleRate", settings.sampleRate());
                    }
                    return Result.ok(body).withHeader("Cache-Control", cacheControl);
                })
                .build();
    }

    static Operation beacon(PageLoads pageLoads, NoticeSettings settings, Clock clock) {
        int perMinute = settings.beaconPerClientPerMinute();
        KeyedRateLimiter perClient = new KeyedRateLimiter(clock, perMinute, perMinute / 60.0, MAX_CLIENTS);
        KeyedRateLimiter overall = new KeyedRateLimiter(clock, settings.beaconGlobalPerSecond(),
                settings.beaconGlobalPerSecond(), 1);
        return Operation.post("notices.beacon", BEACON_PATH)
                .atRoot()
                .access(Access.PUBLIC)
                .description("Records a page's load time (Navigation Timing) under its page template; rate-limited per"
                        + " client address and overall")
                .input(InputSchema.builder().body(BEACON).build())
                .handler((caller, arguments) -> {
                    JsonBody body = arguments.body();
                    String path = body.string("path").orElseThrow();
                    checkPath(path);
                    Duration wait = perClient.acquire(arguments.remoteAddress());
                    if (wait.isZero()) {
                        wait = overall.acquire("all");
                    }
                    if (!wait.isZero()) {
                        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                        return Result.error(429, "too_many_requests", "Too many page-load reports; retry in " + seconds + "s")
                                .withHeader("Retry-After", Long.toString(seconds));
                    }
                    pageLoads.record(path, body.integer("loadMs").orElseThrow());
                    return Result.noContent();
                })
                .build();
    }

    private static void checkPath(String path) {
        if (!path.startsWith("/")) {
            throw ApiException.invalidField("path", "path must start with '/', e.g. /media-upload");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw ApiException.invalidField("path", "path must not contain control characters");
            }
        }
    }
}
