package io.latentwatch.serde;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroTrustTest {
    private ClassSecurityValidator.ClassSecurityPredicate saved;

    @BeforeEach
    void save() {
        saved = ClassSecurityValidator.getGlobal();
    }

    @AfterEach
    void restore() {
        ClassSecurityValidator.setGlobal(saved);
    }

    @Test
    void trustsOurRecordsEvenWhenAvroFixedItsValidatorBeforeWeRan() {
        // What the global validator is when Avro loaded before anything set SERIALIZABLE_PACKAGES,
        // e.g. because a caller built a SensorReading before first using AvroSerdes.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
        assertThrows(SecurityException.class, () -> ClassSecurityValidator.validate(SensorReading.class));

        AvroTrust.trustGeneratedPackage();

        assertDoesNotThrow(() -> ClassSecurityValidator.validate(SensorReading.class));
        assertDoesNotThrow(() -> ClassSecurityValidator.validate(AnomalyAlert.class));
        assertDoesNotThrow(() -> ClassSecurityValidator.validate(String.class));
        assertThrows(SecurityException.class, () -> ClassSecurityValidator.validate(AvroTrustTest.class));
    }

    @Test
    void isIdempotent() {
        AvroTrust.trustGeneratedPackage();
        ClassSecurityValidator.ClassSecurityPredicate once = ClassSecurityValidator.getGlobal();
        AvroTrust.trustGeneratedPackage();
        assertSame(once, ClassSecurityValidator.getGlobal());
    }
}
