/**
 * Slack delivery for Vigil alerts: {@link dev.vigil.alert.slack.SlackAlertSink} posts Block Kit
 * messages to an incoming webhook using only {@code java.net.http}.
 */
package dev.vigil.alert.slack;
