package io.latentwatch.serde;

import io.latentwatch.avro.SensorReading;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Marks our generated Avro package as trusted. Avro 1.12.2 refuses to instantiate generated
 * classes it does not trust. It reads {@code org.apache.avro.SERIALIZABLE_PACKAGES} only once,
 * when its validator class loads, and building a generated record loads it; so setting that
 * property here would work only if nothing Avro ran first. We add to the global validator instead.
 */
final class AvroTrust {
    static final String PACKAGE = "io.latentwatch.avro";

    private AvroTrust() {
    }

    /** Makes Avro's global validator trust our generated classes too; idempotent. */
    static synchronized void trustGeneratedPackage() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(SensorReading.class)) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, AvroTrust::generated));
        }
    }

    private static boolean generated(Class<?> type) {
        return type.getName().startsWith(PACKAGE + ".");
    }
}
