package io.latentwatch.serde;

import io.latentwatch.avro.SensorReading;
import io.latentwatch.serde.confluent.ConfluentCodec;
import io.latentwatch.serde.confluent.SchemaRegistryClient;
import io.latentwatch.serde.confluent.WireFormat;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The detector's codecs for one set of {@link WireSettings}: reads readings in either framing
 * (detected per record) and writes output records in the configured one. One registry client is
 * shared, so its caches are.
 */
public final class RecordCodecs {
    private final WireSettings settings;
    private final SchemaRegistryClient registry;
    private final ConfluentCodec<SensorReading> confluentReadings;

    public RecordCodecs(WireSettings settings) {
        this.settings = settings;
        this.registry = settings.registryUrl() == null ? null : new SchemaRegistryClient(settings.registryUrl(),
                settings.user(), settings.password(), 3, Duration.ofMillis(200), Duration.ofSeconds(10));
        this.confluentReadings = registry == null ? null
                : new ConfluentCodec<>(registry, SensorReading.getClassSchema());
    }

    public static RecordCodecs singleObject() {
        return new RecordCodecs(WireSettings.singleObject());
    }

    /**
     * Decodes a reading in whichever framing it arrived.
     *
     * @throws RecordDecodingException for anything that is not a valid reading, including Confluent
     *     framing when no registry is configured
     */
    public SensorReading decodeReading(byte[] bytes) {
        if (bytes != null && WireFormat.isConfluent(bytes)) {
            if (confluentReadings == null) {
                throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER,
                        "record has Confluent framing (magic 0) but no --schema-registry-url is configured", null);
            }
            return confluentReadings.decode(bytes);
        }
        return AvroSerdes.readings().decode(bytes);
    }

    /** A serializer for an output topic of {@code schema}'s records, in the configured framing. */
    public <T extends SpecificRecordBase> Serializer<T> serializer(Schema schema, SingleObjectCodec<T> singleObject) {
        if (settings.format() == WireSettings.Format.CONFLUENT) {
            ConfluentCodec<T> codec = new ConfluentCodec<>(registry, schema);
            return (topic, value) -> value == null ? null : codec.encode(topic, value);
        }
        return (topic, value) -> value == null ? null : singleObject.encode(value);
    }
}
