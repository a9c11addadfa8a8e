package io.latentwatch.serde;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes for our topics in Avro single-object encoding. */
public final class AvroSerdes {
    private static final SingleObjectCodec<SensorReading> READINGS =
            new SingleObjectCodec<>(SensorReading.getClassSchema());
    private static final SingleObjectCodec<AnomalyAlert> ALERTS =
            new SingleObjectCodec<>(AnomalyAlert.getClassSchema());

    private AvroSerdes() {
    }

    public static SingleObjectCodec<SensorReading> readings() {
        return READINGS;
    }

    public static SingleObjectCodec<AnomalyAlert> alerts() {
        return ALERTS;
    }

    public static Serde<SensorReading> readingSerde() {
        return serde(READINGS);
    }

    public static Serde<AnomalyAlert> alertSerde() {
        return serde(ALERTS);
    }

    private static <T extends SpecificRecordBase> Serde<T> serde(SingleObjectCodec<T> codec) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : codec.encode(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
