package dev.vigil.deploy;

import java.util.Locale;

/** How a deployment became known. */
public enum DeploymentSource {
    /** An instance started with this version. */
    STARTUP,
    /** A client (CI, a release script) recorded it through the admin API. */
    API;

    /** Lower-case name as used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
