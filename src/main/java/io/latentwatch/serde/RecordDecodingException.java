package io.latentwatch.serde;

import io.latentwatch.LatentwatchException;

/** A record's bytes could not be turned into a value; {@link #reason()} says why, for counting and routing. */
public final class RecordDecodingException extends LatentwatchException {
    /** Why a record could not be decoded. */
    public enum Reason {
        /** Null or empty value bytes. */
        EMPTY,
        /** Not Avro single-object encoding: wrong marker bytes or too short for a header. */
        BAD_HEADER,
        /** A well-formed header whose schema fingerprint matches no known schema version. */
        UNKNOWN_SCHEMA,
        /** A known schema, but the body does not decode with it (truncated, corrupt). */
        CORRUPT_BODY
    }

    private final Reason reason;

    public RecordDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
