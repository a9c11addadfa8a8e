package io.latentwatch.serde.confluent;

/**
 * Tells the two Avro framings we read apart by their first bytes, for auto-detection on input:
 * Confluent wire format (magic byte 0, 4-byte schema id, body) and Avro single-object encoding
 * (marker C3 01, 8-byte fingerprint, body). The two never overlap: their first bytes differ.
 */
public final class WireFormat {
    /** Confluent's magic byte. */
    public static final byte CONFLUENT_MAGIC = 0;
    /** Magic byte plus 4-byte schema id. */
    public static final int CONFLUENT_HEADER_LENGTH = 5;

    /** The framing of a record's value bytes. */
    public enum Kind {
        CONFLUENT, SINGLE_OBJECT, UNKNOWN
    }

    private WireFormat() {
    }

    /** First byte 0 and at least a whole header (5 bytes). */
    public static boolean isConfluent(byte[] bytes) {
        return bytes != null && bytes.length >= CONFLUENT_HEADER_LENGTH && bytes[0] == CONFLUENT_MAGIC;
    }

    /** Starts with the single-object marker C3 01 (the header may still be truncated; its codec says so). */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
    }

    public static Kind of(byte[] bytes) {
        if (isConfluent(bytes)) {
            return Kind.CONFLUENT;
        }
        return isSingleObject(bytes) ? Kind.SINGLE_OBJECT : Kind.UNKNOWN;
    }
}
