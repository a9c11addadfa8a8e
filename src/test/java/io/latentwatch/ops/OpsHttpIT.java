package io.latentwatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentwatch.TestModels;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.detect.StreamsSettings;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoints of a real detector on the shared test broker. */
class OpsHttpIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ROWS = 400;
    private static final int SHIFT_FROM = 300;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthMetricsAndEntityStateOfARunningDetector() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "readings-ops-" + id;
        String alerts = "alerts-ops-" + id;
        KafkaTestCluster.createTopics(2, input, alerts, input + ".dlq");
        Random noise = new Random(11);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            records.add(reading("pump-b", i, TestModels.normalRow(i, noise)));
            double[] row = TestModels.normalRow(i, noise);
            if (i >= SHIFT_FROM) {
                row[1] += 40; // lasts to the end of the data, so the incident is still open
            }
            records.add(reading("pump-a", i, row));
        }
        KafkaTestCluster.produce(input, records);

        DetectorStats stats = new DetectorStats();
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts);
        try (DetectorModel model = TestModels.load(dir.resolve("model"));
             OpsHttpServer server = OpsHttpServer.bind("127.0.0.1", 0)) {
            Properties props = StreamsSettings.of(KafkaTestCluster.bootstrapServers(), "ops-it-" + id,
                    dir.resolve("state"), null);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.advertised().host() + ":"
                    + server.advertised().port());
            try (KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, model, stats), props);
                 DetectorMetrics metrics = new DetectorMetrics(stats, streams, model.name(), model.version())) {
                streams.start();
                server.start(streams, metrics, new EntityQuery(streams, config.threshold(), server.advertised()));
                String base = "http://127.0.0.1:" + server.address().getPort();

                await("all readings processed and an incident open", streams,
                        () -> stats.records() >= records.size() && stats.incidents() >= 1);
                await("the streams RUNNING", streams, () -> streams.state() == KafkaStreams.State.RUNNING);

                HttpResponse<String> health = get(base + "/health");
                assertEquals(200, health.statusCode(), health.body());
                JsonNode h = Json.MAPPER.readTree(health.body());
                assertEquals("UP", h.get("status").asText());
                assertTrue(h.get("ready").asBoolean());
                assertTrue(h.get("live").asBoolean());
                assertEquals("RUNNING", h.get("state").asText());

                HttpResponse<String> scrape = get(base + "/metrics");
                assertEquals(200, scrape.statusCode());
                assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                String text = scrape.body();
                assertTrue(text.contains("\nlatentwatch_records_total " + (double) records.size() + "\n"), text);
                assertTrue(text.contains("\nlatentwatch_incidents_total 1.0\n"), text);
                assertTrue(text.contains("latentwatch_dead_letters_total{reason=\"CORRUPT_BODY\"} 0.0"), text);
                assertTrue(text.contains("latentwatch_model_info{model=\"" + model.name() + "\",version=\""
                        + model.version() + "\"} 1\n"), text);
                assertTrue(text.contains("\nkafka_stream_"), "no Kafka Streams metric in " + text);
                assertTrue(text.contains("\nlatentwatch_inference_seconds_count "), "no inference timer in " + text);
                assertTrue(text.contains("latentwatch_batch_size{quantile=\"0.5\"}"), "no batch-size summary in " + text);
                assertTrue(text.contains("\njvm_memory_used_bytes{"), "no JVM metric");
                assertTrue(text.contains("latentwatch_threshold{entity=\"pump-a\"}"), "no threshold gauge in " + text);
                long perEntity = text.lines().filter(l -> l.startsWith("latentwatch_threshold{")).count();
                assertTrue(perEntity <= io.latentwatch.detect.DetectorStats.MAX_THRESHOLD_GAUGES, perEntity + " series");
                assertFalse(text.lines().anyMatch(l -> l.contains("pump-a") && !l.startsWith("latentwatch_threshold{")),
                        "only the bounded threshold gauge is per entity");

                HttpResponse<String> entity = get(base + "/entities/pump-a");
                assertEquals(200, entity.statusCode(), entity.body());
                JsonNode e = Json.MAPPER.readTree(entity.body());
                assertEquals("pump-a", e.get("entity").asText());
                assertTrue(e.get("threshold").asDouble() > 0, entity.body());
                JsonNode incident = e.get("incident");
                assertTrue(incident.isObject(), entity.body());
                assertTrue(incident.get("id").asText().startsWith("pump-a-"), entity.body());
                assertTrue(incident.get("peakRatio").asDouble() > 1, entity.body());
                assertFalse(incident.get("severity").asText().isEmpty());
                assertTrue(Instant.parse(incident.get("since").asText()).toEpochMilli()
                        >= TestModels.START + (SHIFT_FROM - TestModels.WINDOW) * TestModels.STEP_MS, entity.body());
                Instant.parse(e.get("lastWindowEnd").asText());

                JsonNode calm = Json.MAPPER.readTree(get(base + "/entities/pump-b").body());
                assertTrue(calm.get("incident").isNull(), calm.toString());

                assertEquals(404, get(base + "/entities/nobody").statusCode());
                assertEquals(404, get(base + "/nothing").statusCode());
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, post.statusCode());
            }
        }
    }

    /** One detector instance with its HTTP server, for the cross-instance test. */
    private record Instance(KafkaStreams streams, OpsHttpServer server, DetectorMetrics metrics, DetectorStats stats,
                            DetectorModel model) implements AutoCloseable {
        String base() {
            return "http://127.0.0.1:" + server.address().getPort();
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(60));
            metrics.close();
            server.close();
            model.close();
        }
    }

    private Instance instance(String appId, String name, DetectorConfig config) throws IOException {
        DetectorModel model = TestModels.load(dir.resolve("model-" + name));
        OpsHttpServer server = OpsHttpServer.bind("127.0.0.1", 0);
        Properties props = StreamsSettings.of(KafkaTestCluster.bootstrapServers(), appId, dir.resolve("state-" + name),
                null);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.advertised().host() + ":" + server.advertised().port());
        DetectorStats stats = new DetectorStats();
        KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, model, stats), props);
        DetectorMetrics metrics = new DetectorMetrics(stats, streams, model.name(), model.version());
        streams.start();
        server.start(streams, metrics, new EntityQuery(streams, config.threshold(), server.advertised()));
        return new Instance(streams, server, metrics, stats, model);
    }

    @Test
    void anyInstanceAnswersForAnyEntityByAskingTheOneThatHostsIt() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "readings-ops2-" + id;
        String alerts = "alerts-ops2-" + id;
        KafkaTestCluster.createTopics(4, input);
        KafkaTestCluster.createTopics(1, alerts, input + ".dlq");
        List<String> entities = List.of("pump-a", "pump-b", "pump-c", "pump-d", "pump-e", "pump-f");
        Random noise = new Random(12);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (String e : entities) {
                records.add(reading(e, i, TestModels.normalRow(i, noise)));
            }
        }
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts);
        String appId = "ops-it2-" + id;
        try (Instance one = instance(appId, "one", config); Instance two = instance(appId, "two", config)) {
            await("both running", one.streams(), () -> one.streams().state() == KafkaStreams.State.RUNNING
                    && two.streams().state() == KafkaStreams.State.RUNNING);
            KafkaTestCluster.produce(input, records);
            await("all readings processed", one.streams(),
                    () -> one.stats().records() + two.stats().records() >= records.size()
                            && one.stats().windowsScored() + two.stats().windowsScored()
                            >= entities.size() * ((200 - TestModels.WINDOW) / TestModels.HOP + 1L));
            assertTrue(one.stats().records() > 0 && two.stats().records() > 0, "both instances should host entities");
            for (String e : entities) {
                HttpResponse<String> viaOne = get(one.base() + "/entities/" + e);
                HttpResponse<String> viaTwo = get(two.base() + "/entities/" + e);
                assertEquals(200, viaOne.statusCode(), viaOne.body());
                assertEquals(200, viaTwo.statusCode(), viaTwo.body());
                assertEquals(Json.MAPPER.readTree(viaOne.body()), Json.MAPPER.readTree(viaTwo.body()),
                        "both instances should give the owner's answer for " + e);
                assertEquals(e, Json.MAPPER.readTree(viaOne.body()).get("entity").asText());
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, KafkaStreams streams, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                fail("gave up waiting for " + what + ": streams " + state);
            }
            Thread.sleep(50);
        }
    }

    private static Map.Entry<String, byte[]> reading(String entity, int i, double[] row) {
        Map<String, Double> values = TestModels.byChannel(row);
        SensorReading r = SensorReading.newBuilder().setEntityId(entity)
                .setTimestamp(Instant.ofEpochMilli(TestModels.START + i * TestModels.STEP_MS))
                .setReadings(values).build();
        return Map.entry(entity, AvroSerdes.readings().encode(r));
    }
}
