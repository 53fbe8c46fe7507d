package dev.vigil.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vigil's {@code monitor.alerts.*} settings: rules, routes and sinks. A sink is enabled by its
 * presence ({@code monitor.alerts.slack.webhook-url}, {@code monitor.alerts.email.host},
 * {@code monitor.alerts.webhook.url}, {@code monitor.alerts.alertmanager.url}).
 */
@ConfigurationProperties("monitor.alerts")
public class MonitorAlertProperties {

    /** Time between two evaluations of every rule. */
    private Duration evaluationInterval = Duration.ofSeconds(15);

    /** A firing, unacknowledged alert is notified again after this long. */
    private Duration repeatInterval = Duration.ofHours(4);

    /** Whether a resolved notification is sent once when a fired alert resolves. */
    private boolean sendResolved = true;

    /** Service name in notifications; defaults to spring.application.name. */
    private String service;

    /**
     * How long no instance may have seen a firing alert's condition before it resolves. 0 means automatic: at once
     * with the memory store, two evaluation intervals with a store several instances share.
     */
    private Duration resolveGrace = Duration.ZERO;

    /** Whether the default rules (service down/degraded, database down, error ratio, p95 latency, disk, memory, job failures) are registered. */
    private boolean defaults = true;

    /** Rules by name: overrides of a default rule (enabled, threshold, severity, for) or new rules with a kind. */
    private Map<String, Rule> rules = new LinkedHashMap<>();

    /** Routes by severity and labels to sink names; without any, critical goes everywhere, warning to chat and (batched) email, info to the log. */
    private List<RouteProperties> routes = new ArrayList<>();

    private final Slack slack = new Slack();
    private final Email email = new Email();
    private final Webhook webhook = new Webhook();
    private final Alertmanager alertmanager = new Alertmanager();
    private final Delivery delivery = new Delivery();

    public Duration getEvaluationInterval() {
        return evaluationInterval;
    }

    public void setEvaluationInterval(Duration evaluationInterval) {
        this.evaluationInterval = evaluationInterval;
    }

    public Duration getRepeatInterval() {
        return repeatInterval;
    }

    public void setRepeatInterval(Duration repeatInterval) {
        this.repeatInterval = repeatInterval;
    }

    public boolean isSendResolved() {
        return sendResolved;
    }

    public void setSendResolved(boolean sendResolved) {
        this.sendResolved = sendResolved;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public Duration getResolveGrace() {
        return resolveGrace;
    }

    public void setResolveGrace(Duration resolveGrace) {
        this.resolveGrace = resolveGrace;
    }

    public boolean isDefaults() {
        return defaults;
    }

    public void setDefaults(boolean defaults) {
        this.defaults = defaults;
    }

    public Map<String, Rule> getRules() {
        return rules;
    }

    public void setRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    public List<RouteProperties> getRoutes() {
        return routes;
    }

    public void setRoutes(List<RouteProperties> routes) {
        this.routes = routes;
    }

    public Slack getSlack() {
        return slack;
    }

    public Email getEmail() {
        return email;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public Alertmanager getAlertmanager() {
        return alertmanager;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    /** The kinds of rule that can be declared in configuration. */
    public enum Kind {
        /** A metric's window aggregate above or below a limit. */
        THRESHOLD,
        /** A metric's sum per second over the window above or below a limit. */
        RATE,
        /** Checks (by name or glob) down, or at least degraded. */
        CHECK,
        /** A metric has no sample newer than max-age. */
        ABSENCE,
        /** The current window against the baseline window before it. */
        SPIKE,
        /** A linear forecast crosses the limit within the horizon. */
        TREND
    }

    /** One rule, or an override of a default rule of the same name. */
    public static class Rule {

        /** Whether the rule is evaluated. */
        private Boolean enabled;

        /** What kind of rule; unset for an override of a default rule. */
        private Kind kind;

        /** The metric the rule reads, e.g. http.route.error.ratio. */
        private String metric;

        /** Tags a series must carry, e.g. route: /media-upload. */
        private Map<String, String> tags = new LinkedHashMap<>();

        /** Window the metric is aggregated over. */
        private Duration window = Duration.ofMinutes(5);

        /** How the window is aggregated: avg, min, max, last or sum. */
        private String aggregation = "avg";

        /** above or below the threshold. */
        private String comparison = "above";

        /** The limit the value is compared with. */
        private Double threshold;

        /** How urgent: info, warning or critical. */
        private Severity severity;

        /** How long the condition must hold before the alert fires. */
        private Duration forDuration;

        /** How long the alert keeps firing after the condition stops holding. */
        private Duration keepFiringFor;

        /** Labels added to the alert. */
        private Map<String, String> labels = new LinkedHashMap<>();

        /** Message template: {value}, {value%}, {limit}, {limit%}, {label:route}, {window}, {series}. */
        private String message;

        /** Remediation action an operator could run. */
        private String suggestedAction;

        /** Check name, glob (job:*) or comma list, for kind check. */
        private String check;

        /** Check status that fires, for kind check: down or degraded. */
        private String status = "down";

        /** Baseline window, for kind spike. */
        private Duration baselineWindow = Duration.ofHours(1);

        /** How many times the baseline counts as a spike. */
        private double factor = 3;

        /** Smallest current value that can be a spike. */
        private double minValue = 1;

        /** History the forecast is fitted on, for kind trend. */
        private Duration lookback = Duration.ofHours(24);

        /** How far ahead the forecast looks, for kind trend. */
        private Duration horizon = Duration.ofHours(72);

        /** Maximum age of the newest sample, for kind absence. */
        private Duration maxAge = Duration.ofMinutes(10);

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Kind getKind() {
            return kind;
        }

        public void setKind(Kind kind) {
            this.kind = kind;
        }

        public String getMetric() {
            return metric;
        }

        public void setMetric(String metric) {
            this.metric = metric;
        }

        public Map<String, String> getTags() {
            return tags;
        }

        public void setTags(Map<String, String> tags) {
            this.tags = tags;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public String getAggregation() {
            return aggregation;
        }

        public void setAggregation(String aggregation) {
            this.aggregation = aggregation;
        }

        public String getComparison() {
            return comparison;
        }

        public void setComparison(String comparison) {
            this.comparison = comparison;
        }

        public Double getThreshold() {
            return threshold;
        }

        public void setThreshold(Double threshold) {
            this.threshold = threshold;
        }

        public Severity getSeverity() {
            return severity;
        }

        public void setSeverity(Severity severity) {
            this.severity = severity;
        }

        public Duration getFor() {
            return forDuration;
        }

        public void setFor(Duration forDuration) {
            this.forDuration = forDuration;
        }

        public Duration getKeepFiringFor() {
            return keepFiringFor;
        }

        public void setKeepFiringFor(Duration keepFiringFor) {
            this.keepFiringFor = keepFiringFor;
        }

        public Map<String, String> getLabels() {
            return labels;
        }

        public void setLabels(Map<String, String> labels) {
            this.labels = labels;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public String getSuggestedAction() {
            return suggestedAction;
        }

        public void setSuggestedAction(String suggestedAction) {
            this.suggestedAction = suggestedAction;
        }

        public String getCheck() {
            return check;
        }

        public void setCheck(String check) {
            this.check = check;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        public Duration getBaselineWindow() {
            return baselineWindow;
        }

        public void setBaselineWindow(Duration baselineWindow) {
            this.baselineWindow = baselineWindow;
        }

        public double getFactor() {
            return factor;
        }

        public void setFactor(double factor) {
            this.factor = factor;
        }

        public double getMinValue() {
            return minValue;
        }

        public void setMinValue(double minValue) {
            this.minValue = minValue;
        }

        public Duration getLookback() {
            return lookback;
        }

        public void setLookback(Duration lookback) {
            this.lookback = lookback;
        }

        public Duration getHorizon() {
            return horizon;
        }

        public void setHorizon(Duration horizon) {
            this.horizon = horizon;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** Sends matching notifications to sinks. */
    public static class RouteProperties {

        /** Severities this route takes; empty means all. */
        private List<Severity> severities = new ArrayList<>();

        /** Labels an alert must carry. */
        private Map<String, String> matchLabels = new LinkedHashMap<>();

        /** Sink names: slack, email, webhook, alertmanager, log, or the bean name of an AlertSink. */
        private List<String> sinks = new ArrayList<>();

        /** How long notifications wait to be sent together; 0 sends at once. */
        private Duration groupWait = Duration.ZERO;

        /** Whether later routes are tried after this one matched. */
        private boolean continueMatching;

        public List<Severity> getSeverities() {
            return severities;
        }

        public void setSeverities(List<Severity> severities) {
            this.severities = severities;
        }

        public Map<String, String> getMatchLabels() {
            return matchLabels;
        }

        public void setMatchLabels(Map<String, String> matchLabels) {
            this.matchLabels = matchLabels;
        }

        public List<String> getSinks() {
            return sinks;
        }

        public void setSinks(List<String> sinks) {
            this.sinks = sinks;
        }

        public Duration getGroupWait() {
            return groupWait;
        }

        public void setGroupWait(Duration groupWait) {
            this.groupWait = groupWait;
        }

        public boolean isContinueMatching() {
            return continueMatching;
        }

        public void setContinueMatching(boolean continueMatching) {
            this.continueMatching = continueMatching;
        }
    }

    /** Slack incoming webhook. */
    public static class Slack {

        /** Incoming webhook URL (a secret: keep it in an environment variable). */
        private String webhookUrl;

        /** Mention added to critical alerts, e.g. <!here>. */
        private String mentionOnCritical;

        /** Time a post may take. */
        private Duration timeout = Duration.ofSeconds(10);

        /**
         * Signing secret of the Slack app (a secret: keep it in an environment variable). When set, alert messages
         * and the briefing carry action buttons and Vigil serves POST /api/slack/interactions. While rotating, give
         * the new and the old secret separated by a comma.
         */
        private List<String> signingSecret = new ArrayList<>();

        /** Slack user ids mapped to the Vigil role their button presses have (read, operator, ingest, admin). */
        private Map<String, String> users = new LinkedHashMap<>();

        /**
         * Where answers to button presses may be posted: a payload's response_url must start with one of these URL
         * prefixes (a bare host means https://host/). Only tests point it elsewhere, e.g. http://127.0.0.1:8089/.
         */
        private List<String> responseUrlHosts = new ArrayList<>(List.of("https://hooks.slack.com/"));

        public List<String> getSigningSecret() {
            return signingSecret;
        }

        public void setSigningSecret(List<String> signingSecret) {
            this.signingSecret = signingSecret;
        }

        public Map<String, String> getUsers() {
            return users;
        }

        public void setUsers(Map<String, String> users) {
            this.users = users;
        }

        public List<String> getResponseUrlHosts() {
            return responseUrlHosts;
        }

        public void setResponseUrlHosts(List<String> responseUrlHosts) {
            this.responseUrlHosts = responseUrlHosts;
        }

        public String getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        public String getMentionOnCritical() {
            return mentionOnCritical;
        }

        public void setMentionOnCritical(String mentionOnCritical) {
            this.mentionOnCritical = mentionOnCritical;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "Slack[webhookUrl=" + (webhookUrl == null ? "unset" : "******") + ", signingSecret="
                    + (signingSecret.isEmpty() ? "unset" : "******") + ", users=" + users.keySet() + "]";
        }
    }

    /** SMTP. */
    public static class Email {

        /** SMTP host. */
        private String host;

        /** SMTP port: 587 uses STARTTLS, 465 implicit TLS. */
        private int port = 587;

        /** SMTP user. */
        private String username;

        /** SMTP password (a secret: keep it in an environment variable). */
        private String password;

        /** Sender address. */
        private String from;

        /** Recipient addresses. */
        private List<String> to = new ArrayList<>();

        /** Whether STARTTLS is required; unset: on for port 587. */
        private Boolean startTls;

        /** Connect, read and write timeout. */
        private Duration timeout = Duration.ofSeconds(10);

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public List<String> getTo() {
            return to;
        }

        public void setTo(List<String> to) {
            this.to = to;
        }

        public Boolean getStartTls() {
            return startTls;
        }

        public void setStartTls(Boolean startTls) {
            this.startTls = startTls;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "Email[host=" + host + ", port=" + port + ", password=" + (password == null ? "unset" : "******") + "]";
        }
    }

    /** Generic JSON webhook. */
    public static class Webhook {

        /** Receiver URL (may carry a token: treated as a secret). */
        private String url;

        /** HMAC-SHA256 secret; when set, requests carry X-Vigil-Timestamp and X-Vigil-Signature. */
        private String secret;

        /** Time a post may take. */
        private Duration timeout = Duration.ofSeconds(10);

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "Webhook[url=" + (url == null ? "unset" : "******") + "]";
        }
    }

    /** Prometheus Alertmanager (API v2). */
    public static class Alertmanager {

        /** Base URL, e.g. http://alertmanager:9093. */
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    /** Notification delivery. */
    public static class Delivery {

        /** Attempts before a notification is dead-lettered. */
        private int maxAttempts = 8;

        /** Time one send may take before it is abandoned and retried. */
        private Duration sendTimeout = Duration.ofSeconds(10);

        /** Longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofMinutes(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
