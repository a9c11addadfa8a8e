package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.train.ArchitectureOptions;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code latentwatch generate} producing to the shared broker: keyed, timestamped single-object readings. */
@Timeout(120)
class GenerateIT {
    @TempDir
    Path dir;

    @Test
    void producesEveryReadingKeyedByEntity() {
        ArchitectureOptions arch = new ArchitectureOptions(ArchitectureKind.VAE, EncoderKind.DENSE, Activation.TANH,
                0.01f, ConvShape.DEFAULT, Corruption.NONE, null, 1.0, 0, LrSchedule.NONE);
        TrainOptions o = new TrainOptions("kafka-vae", TestModels.WINDOW, TestModels.HOP, new int[] {16}, 4, 3, 32,
                0.003, 0, 2, 0, 0.25, 0.99, 1.5, arch);
        ModelTrainer.Trained t = ModelTrainer.train(TestModels.normalSeries(800, 2),
                new ModelCard.DataSource("synthetic", "csv", 0, 800), o, EpochListener.NONE);
        Path model = dir.resolve("kafka-vae");
        ModelFiles.write(model, t.card(), t.onnx(), t.decoderOnnx());
        String topic = "generated-" + UUID.randomUUID();
        KafkaTestCluster.createTopics(2, topic);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter ow = new PrintWriter(out, true); PrintWriter ew = new PrintWriter(err, true)) {
            exit = Main.run(ow, ew, "generate", "--model", model.toString(), "--count", "3", "--topic", topic,
                    "--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--entity", "pump-g",
                    "--start", "2024-01-01T00:00:00Z");
        }
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("48 readings of pump-g") && out.toString().contains("topic " + topic),
                out.toString());

        List<ConsumerRecord<String, byte[]>> records = KafkaTestCluster.consumeAll(topic, Duration.ofSeconds(30));
        assertEquals(3 * TestModels.WINDOW, records.size());
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<SensorReading> readings = records.stream().map(r -> {
            assertEquals("pump-g", r.key());
            SensorReading reading = AvroSerdes.readings().decode(r.value());
            assertEquals(reading.getTimestamp().toEpochMilli(), r.timestamp());
            return reading;
        }).sorted((a, b) -> a.getTimestamp().compareTo(b.getTimestamp())).toList();
        for (int i = 0; i < readings.size(); i++) {
            assertEquals(start.plusSeconds(i), readings.get(i).getTimestamp());
            assertEquals(java.util.Set.copyOf(TestModels.CHANNELS), readings.get(i).getReadings().keySet());
        }
    }
}
