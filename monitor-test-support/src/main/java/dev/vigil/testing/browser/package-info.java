/**
 * Real-browser testing of Vigil's pages: {@link dev.vigil.testing.browser.HeadlessChromium}, Debian's headless
 * Chromium with its console captured. Needs Selenium's {@code selenium-chrome-driver} on the test class path (an
 * optional dependency of this module, so it never reaches a service that uses the store contract).
 */
package dev.vigil.testing.browser;
