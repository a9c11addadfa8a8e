package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.Severity;
import io.latentwatch.demo.AlertLines;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code latentwatch tail} on the shared broker: committed alerts only, entity filter, garbage skipped, JSON. */
@Timeout(120)
class TailCommandIT {
    private static final String TOPIC = "tail-alerts-" + UUID.randomUUID();
    private static final AnomalyAlert ABORTED = alert("aborted", "pump-a", 1);
    private static final AnomalyAlert A1 = alert("a1", "pump-a", 2);
    private static final AnomalyAlert B1 = alert("b1", "pump-b", 3);
    private static final AnomalyAlert A2 = alert("a2", "pump-a", 4);

    record Run(int exit, String out, String err) {
    }

    private static AnomalyAlert alert(String id, String entity, long second) {
        Instant end = Instant.parse("2024-05-01T00:00:00Z").plusSeconds(second);
        return AnomalyAlert.newBuilder().setAlertId(id).setEntityId(entity).setStatus(AlertStatus.OPEN)
                .setIncidentId(entity + "@" + end.toEpochMilli()).setWindowStart(end.minusSeconds(15)).setWindowEnd(end)
                .setScore(2.5).setThreshold(1).setSeverity(Severity.MEDIUM).setModelName("m").setModelVersion("v1")
                .setTopChannels(List.of(new ChannelContribution("flow", 0.75))).setDetectedAt(end)
                .setWindowsAbove(1).build();
    }

    /** One partition, so the order is known: an aborted alert, then three alerts and garbage, committed. */
    @BeforeAll
    static void produce() {
        KafkaTestCluster.createTopics(1, TOPIC);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tail-it-aborted-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "pump-a", AvroSerdes.alerts().encode(ABORTED)));
            producer.flush();
            producer.abortTransaction();
        }
        KafkaTestCluster.produce(TOPIC, List.of(
                Map.entry("pump-a", AvroSerdes.alerts().encode(A1)),
                Map.entry("pump-b", AvroSerdes.alerts().encode(B1)),
                Map.entry("pump-a", "not an alert".getBytes(StandardCharsets.UTF_8)),
                Map.entry("pump-a", AvroSerdes.alerts().encode(A2))));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(o, e, args);
        }
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsOneEntitysCommittedAlertsAndSkipsGarbage() {
        Run r = run("tail", "--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--topic", TOPIC,
                "--from-beginning", "--max", "2", "--entity", "pump-a");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(AlertLines.line(A1), AlertLines.line(A2)), r.out().lines().toList());
        List<String> warnings = r.err().lines().toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).contains("skipping undecodable record at " + TOPIC + " partition 0 offset "),
                warnings.get(0));
    }

    @Test
    void printsJsonObjectsThatParse() throws Exception {
        Run r = run("tail", "--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--topic", TOPIC,
                "--from-beginning", "--max", "3", "--json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        List<AnomalyAlert> expected = List.of(A1, B1, A2);
        for (int i = 0; i < 3; i++) {
            JsonNode node = json.readTree(lines.get(i));
            assertEquals(expected.get(i).getAlertId(), node.get("alertId").asText());
            assertEquals(expected.get(i).getEntityId(), node.get("entityId").asText());
            assertEquals(expected.get(i).getWindowEnd().toEpochMilli(), node.get("windowEnd").asLong());
            assertEquals("MEDIUM", node.get("severity").asText());
            assertEquals("flow", node.get("topChannels").get(0).get("channel").asText());
        }
        assertFalse(r.out().contains("aborted"), r.out());
    }
}
