package dev.vigil.config;

import java.util.Collection;
import java.util.NoSuchElementException;

/** Thrown for a runtime configuration key that does not exist; the HTTP API answers 404. */
public final class UnknownConfigKeyException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the unknown key
     * @param known the keys that exist, for the message
     */
    public UnknownConfigKeyException(String key, Collection<String> known) {
        super("unknown runtime configuration key '" + key + "'; known keys: " + String.join(", ", known));
        this.key = key;
    }

    /** The key that was asked for. */
    public String key() {
        return key;
    }
}
