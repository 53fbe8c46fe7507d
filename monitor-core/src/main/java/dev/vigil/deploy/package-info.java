/**
 * Deployments: which version went live when and on which instances, recorded by each instance on start and by
 * CI through the admin API, and kept in a {@link dev.vigil.deploy.DeploymentStore} that the briefing and incident
 * views query ({@code between}, {@code latestBefore}).
 */
package dev.vigil.deploy;
