package io.latentwatch.serde;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.DenoisedWindow;
import io.latentwatch.avro.LatentEmbedding;
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

    private static final SingleObjectCodec<AnomalyScore> SCORES =
            new SingleObjectCodec<>(AnomalyScore.getClassSchema());
    private static final SingleObjectCodec<LatentEmbedding> EMBEDDINGS =
            new SingleObjectCodec<>(LatentEmbedding.getClassSchema());
    private static final SingleObjectCodec<DenoisedWindow> DENOISED =
            new SingleObjectCodec<>(DenoisedWindow.getClassSchema());

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

    public static SingleObjectCodec<AnomalyScore> scores() {
        return SCORES;
    }

    public static SingleObjectCodec<LatentEmbedding> embeddings() {
        return EMBEDDINGS;
    }

    public static SingleObjectCodec<DenoisedWindow> denoised() {
        return DENOISED;
    }

    public static Serde<AnomalyScore> scoreSerde() {
        return serde(SCORES);
    }

    public static Serde<LatentEmbedding> embeddingSerde() {
        return serde(EMBEDDINGS);
    }

    public static Serde<DenoisedWindow> denoisedSerde() {
        return serde(DENOISED);
    }

    private static <T extends SpecificRecordBase> Serde<T> serde(SingleObjectCodec<T> codec) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : codec.encode(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
