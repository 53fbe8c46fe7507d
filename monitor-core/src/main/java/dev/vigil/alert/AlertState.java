package dev.vigil.alert;

import java.util.Locale;

/** Where an alert is in its lifecycle: inactive → pending → firing → resolved. */
public enum AlertState {
    /** The condition holds, but not yet for the rule's {@code for} duration: nothing is sent. */
    PENDING,
    /** The condition has held long enough: notified, and repeated every repeat interval until acknowledged. */
    FIRING,
    /** The condition no longer holds (after {@code keep-firing-for}): a resolved notification is sent once. */
    RESOLVED;

    /** Lower-case name as used in JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
