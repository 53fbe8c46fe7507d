/**
 * Who calls Vigil's API and what they may do: {@link dev.vigil.security.Caller} (id, display name, roles,
 * how it authenticated, person or shared credential), {@link dev.vigil.security.Role}, and the
 * {@link dev.vigil.security.AdminAuthenticator} SPI with the built-in {@link dev.vigil.security.BearerTokens}.
 *
 * <p>This package depends on nothing else of Vigil's, so that the API, the actions and the audit can all
 * depend on it.
 */
package dev.vigil.security;
