package dev.vigil.api;

/** Who sees the per-check details of {@code GET /api/health}. */
public enum ShowDetails {
    /** Nobody: only the summary. */
    NEVER,
    /** Admins only (the default). */
    WHEN_AUTHORIZED,
    /** Everyone, including anonymous callers. */
    ALWAYS
}
