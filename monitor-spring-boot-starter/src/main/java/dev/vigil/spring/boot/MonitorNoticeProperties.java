package dev.vigil.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vigil's {@code monitor.notices.*} settings: the areas users see a calm message for while they are affected,
 * the response header on their routes, the page-load beacon and how affected users are counted.
 */
@ConfigurationProperties("monitor.notices")
public class MonitorNoticeProperties {

    /** Whether /api/notices, /api/notices.js and the page-load beacon are served. */
    private boolean enabled = true;

    /** The message of areas without their own: calm, and never blaming the user. */
    private String defaultMessage = NoticeSettings.DEFAULT_MESSAGE;

    /** Response header naming the affected area on its routes; empty for none. */
    private String header = NoticeSettings.DEFAULT_HEADER;

    /** How long browsers and proxies may cache a notice answer. */
    private Duration maxAge = Duration.ofSeconds(5);

    /** The 5xx ratio (5-minute average) of an area's routes above which its alert "area-errors" fires. */
    private double areaErrorRatio = 0.10;

    /** Request header naming the user, for the affected-user count; unset: the authenticated principal. */
    private String userHeader;

    /** Request attribute (set by the application) naming the user, for the affected-user count. */
    private String userAttribute;

    private final Beacon beacon = new Beacon();

    /** Areas by name, e.g. media-upload. */
    private Map<String, Area> areas = new LinkedHashMap<>();

    /** The settings these properties describe. */
    public NoticeSettings toSettings() {
        NoticeSettings.Builder builder = NoticeSettings.builder()
                .enabled(enabled)
                .defaultMessage(defaultMessage)
                .header(header == null ? "" : header)
                .maxAge(maxAge)
                .areaErrorRatio(areaErrorRatio)
                .beaconEnabled(beacon.enabled)
                .sampleRate(beacon.sampleRate)
                .beaconRateLimit(beacon.rateLimit, beacon.globalRateLimit)
                .maxPages(beacon.maxPages);
        areas.forEach((name, area) -> builder.area(new NoticeArea(name, area.paths, area.checks, area.rules,
                area.message == null || area.message.isBlank() ? null : area.message)));
        return builder.build();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDefaultMessage() {
        return defaultMessage;
    }

    public void setDefaultMessage(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String getHeader() {
        return header;
    }

    public void setHeader(String header) {
        this.header = header;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public double getAreaErrorRatio() {
        return areaErrorRatio;
    }

    public void setAreaErrorRatio(double areaErrorRatio) {
        this.areaErrorRatio = areaErrorRatio;
    }

    public String getUserHeader() {
        return userHeader;
    }

    public void setUserHeader(String userHeader) {
        this.userHeader = userHeader;
    }

    public String getUserAttribute() {
        return userAttribute;
    }

    public void setUserAttribute(String userAttribute) {
        this.userAttribute = userAttribute;
    }

    public Beacon getBeacon() {
        return beacon;
    }

    public Map<String, Area> getAreas() {
        return areas;
    }

    public void setAreas(Map<String, Area> areas) {
        this.areas = areas;
    }

    /** The page-load beacon the notices script sends to POST /api/notices/beacon. */
    public static class Beacon {

        /** Whether page loads are accepted (and the script asked to report them). */
        private boolean enabled = true;

        /** Share of page loads the script reports, 0 to 1. */
        private double sampleRate = NoticeSettings.DEFAULT_SAMPLE_RATE;

        /** Reports accepted per client address and minute. */
        private int rateLimit = 30;

        /** Reports accepted per second from all clients together. */
        private int globalRateLimit = 200;

        /** Distinct page templates recorded; further ones are recorded as "other". */
        private int maxPages = 100;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public double getSampleRate() {
            return sampleRate;
        }

        public void setSampleRate(double sampleRate) {
            this.sampleRate = sampleRate;
        }

        public int getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
        }

        public int getGlobalRateLimit() {
            return globalRateLimit;
        }

        public void setGlobalRateLimit(int globalRateLimit) {
            this.globalRateLimit = globalRateLimit;
        }

        public int getMaxPages() {
            return maxPages;
        }

        public void setMaxPages(int maxPages) {
            this.maxPages = maxPages;
        }
    }

    /** One area: its route prefixes, what affects it, and its message. */
    public static class Area {

        /** Route prefixes, e.g. /media-upload (whole segments: not /media-uploads). */
        private List<String> paths = new ArrayList<>();

        /** Health checks that affect the area while not UP. */
        private Set<String> checks = new LinkedHashSet<>();

        /** Alert rules that affect the area while firing. */
        private Set<String> rules = new LinkedHashSet<>();

        /** The area's own user-facing message; unset: the default message. */
        private String message;

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        public Set<String> getChecks() {
            return checks;
        }

        public void setChecks(Set<String> checks) {
            this.checks = checks;
        }

        public Set<String> getRules() {
            return rules;
        }

        public void setRules(Set<String> rules) {
            this.rules = rules;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }
    }
}
