package io.latentwatch.serde;

/**
 * Marks our generated Avro package as trusted. Avro 1.12.2 refuses to instantiate generated
 * classes from packages not listed in {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 */
final class AvroTrust {
    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String PACKAGE = "io.latentwatch.avro";

    private AvroTrust() {
    }

    static synchronized void trustGeneratedPackage() {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, PACKAGE);
        } else if (!current.contains(PACKAGE)) {
            System.setProperty(PROPERTY, current + "," + PACKAGE);
        }
    }
}
