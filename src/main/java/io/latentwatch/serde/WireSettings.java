package io.latentwatch.serde;

import io.latentwatch.LatentwatchException;
import java.util.Locale;

/**
 * Which wire format the detector writes, and where its schema registry is. Input is always
 * auto-detected per record: Confluent framing (magic 0) needs the registry, single-object
 * encoding (C3 01) does not.
 *
 * @param format what the output topics are written in
 * @param registryUrl the Confluent-compatible schema registry, or null
 * @param user basic-auth user, or null
 * @param password basic-auth password, or null
 */
public record WireSettings(Format format, String registryUrl, String user, String password) {

    /** The two Avro framings. */
    public enum Format {
        SINGLE_OBJECT, CONFLUENT;

        public static Format parse(String word) {
            String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
            return switch (w) {
                case "single-object" -> SINGLE_OBJECT;
                case "confluent" -> CONFLUENT;
                default -> throw new LatentwatchException("serde '" + word
                        + "' is not known; expected one of [single-object, confluent]");
            };
        }
    }

    public WireSettings {
        if (format == null) {
            throw new LatentwatchException("a wire format is required");
        }
        if (format == Format.CONFLUENT && (registryUrl == null || registryUrl.isBlank())) {
            throw new LatentwatchException("serde confluent needs --schema-registry-url");
        }
        if ((user == null) != (password == null)) {
            throw new LatentwatchException("schema registry basic auth needs both a user and a password");
        }
    }

    /** Single-object encoding everywhere, no registry: the default. */
    public static WireSettings singleObject() {
        return new WireSettings(Format.SINGLE_OBJECT, null, null, null);
    }
}
