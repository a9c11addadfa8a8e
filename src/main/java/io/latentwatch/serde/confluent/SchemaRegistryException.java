package io.latentwatch.serde.confluent;

import io.latentwatch.LatentwatchException;

/**
 * A schema registry call failed. {@link #status()} is the HTTP status the registry answered, or
 * {@link #UNREACHABLE} when no answer came (connection refused, timeout, TLS failure).
 */
public final class SchemaRegistryException extends LatentwatchException {
    public static final int UNREACHABLE = -1;

    private final int status;

    SchemaRegistryException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
