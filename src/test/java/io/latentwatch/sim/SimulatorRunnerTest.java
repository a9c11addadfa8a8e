package io.latentwatch.sim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SimulatorRunnerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String TOPIC = "sensor-readings";
    /** A stand-in wire format: the caller owns the real serde. */
    private static final Function<SensorReading, byte[]> SERIALIZER =
            r -> (r.getEntityId() + "@" + r.getTimestamp().toEpochMilli()).getBytes(UTF_8);

    private static PlantSimulator simulator(double rate, Duration duration) {
        return new PlantSimulator(new SimulatorConfig(3, rate, duration, false, 7, START));
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void sendsEveryReadingKeyedByEntityWithEventTimestamps() {
        PlantSimulator sim = simulator(10, Duration.ofSeconds(5));
        MockProducer<String, byte[]> producer = producer(true);
        try (SimulatorRunner runner = new SimulatorRunner(sim, producer, TOPIC, SERIALIZER,
                SimulatorRunner.Pacing.AS_FAST_AS_POSSIBLE)) {
            assertEquals(150, runner.run());
        }
        List<SensorReading> expected = sim.readings().toList();
        List<ProducerRecord<String, byte[]>> history = producer.history();
        assertEquals(expected.size(), history.size());
        for (int i = 0; i < expected.size(); i++) {
            ProducerRecord<String, byte[]> record = history.get(i);
            assertEquals(TOPIC, record.topic());
            assertEquals(expected.get(i).getEntityId(), record.key());
            assertEquals(expected.get(i).getTimestamp().toEpochMilli(), record.timestamp());
            assertArrayEquals(SERIALIZER.apply(expected.get(i)), record.value());
        }
        assertTrue(producer.closed(), "the runner owns and closes its producer");
    }

    @Test
    void realTimePacingFollowsTheRate() {
        // 20 timestamps at 20 per second: the last one is due 0.95 s after the first.
        try (SimulatorRunner runner = new SimulatorRunner(simulator(20, Duration.ofSeconds(1)),
                producer(true), TOPIC, SERIALIZER, SimulatorRunner.Pacing.REAL_TIME)) {
            long begin = System.nanoTime();
            assertEquals(60, runner.run());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            assertTrue(millis >= 900 && millis < 5000, "took " + millis + " ms");
        }
    }

    @Test
    void stopEndsABackgroundRunEarly() {
        try (SimulatorRunner runner = new SimulatorRunner(simulator(10, Duration.ofHours(1)),
                producer(true), TOPIC, SERIALIZER, SimulatorRunner.Pacing.REAL_TIME)) {
            runner.start();
            assertThrows(IllegalStateException.class, runner::start, "one run per runner");
            runner.stop();
            assertTrue(runner.awaitCompletion(Duration.ofSeconds(10)));
            assertTrue(runner.sent() < 3 * 36_000, "stopped early, sent " + runner.sent());
        }
    }

    @Test
    void sendFailureEndsTheRunAndIsReported() throws Exception {
        MockProducer<String, byte[]> producer = producer(false);
        try (SimulatorRunner runner = new SimulatorRunner(simulator(50, Duration.ofHours(1)),
                producer, TOPIC, SERIALIZER, SimulatorRunner.Pacing.REAL_TIME)) {
            runner.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (producer.history().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            producer.errorNext(new KafkaException("broker gone"));
            LatentwatchException e = assertThrows(LatentwatchException.class,
                    () -> runner.awaitCompletion(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("broker gone") && e.getMessage().contains(TOPIC),
                    e.getMessage());
        }
    }

    @Test
    void serializerFailureNamesTheReading() {
        Function<SensorReading, byte[]> broken = r -> {
            throw new IllegalArgumentException("no schema");
        };
        try (SimulatorRunner runner = new SimulatorRunner(simulator(10, Duration.ofSeconds(1)),
                producer(true), TOPIC, broken, SimulatorRunner.Pacing.AS_FAST_AS_POSSIBLE)) {
            LatentwatchException e = assertThrows(LatentwatchException.class, runner::run);
            assertTrue(e.getMessage().contains("pump-01") && e.getMessage().contains("no schema"),
                    e.getMessage());
        }
    }

    @Test
    void blankTopicIsRefused() {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> new SimulatorRunner(
                simulator(1, Duration.ofSeconds(1)), producer(true), " ", SERIALIZER,
                SimulatorRunner.Pacing.REAL_TIME));
        assertTrue(e.getMessage().contains("topic"), e.getMessage());
    }
}
