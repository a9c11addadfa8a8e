package io.latentwatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentwatch.alert.Episode;
import io.latentwatch.alert.IncidentState;
import io.latentwatch.alert.IncidentStateCodec;
import io.latentwatch.alert.Severity;
import io.latentwatch.threshold.EwmaState;
import io.latentwatch.threshold.ThresholdConfig;
import io.latentwatch.threshold.ThresholdKind;
import io.latentwatch.threshold.ThresholdStateCodec;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class OpsJsonTest {

    @Test
    void healthIsReadyOnlyWhenRunningAndLiveUnlessFailedOrStopped() throws Exception {
        assertEquals("{\"status\":\"UP\",\"live\":true,\"ready\":true,\"state\":\"RUNNING\"}",
                Health.of(KafkaStreams.State.RUNNING).toJson());
        Health rebalancing = Health.of(KafkaStreams.State.REBALANCING);
        assertEquals(503, rebalancing.httpStatus());
        assertEquals("{\"status\":\"DOWN\",\"live\":true,\"ready\":false,\"state\":\"REBALANCING\"}",
                rebalancing.toJson());
        for (KafkaStreams.State dead : new KafkaStreams.State[] {KafkaStreams.State.ERROR,
                KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING}) {
            Health h = Health.of(dead);
            assertEquals(false, h.live(), dead::name);
            assertEquals(503, h.httpStatus());
        }
    }

    @Test
    void entityWithAnOpenIncidentShowsThresholdIncidentAndLastWindow() throws Exception {
        Episode episode = new Episode(1_000, 2_000, 5_000, 6_000, 9.0, 3.0, 4, new double[] {1, 2});
        IncidentState state = new IncidentState(0b1111, 0, 6_000, episode, Severity.MEDIUM, 5);
        byte[] threshold = ThresholdStateCodec.toBytes(new EwmaState(0.5, 1.0, 0.25));
        EntityView view = EntityView.of("pump-a", ThresholdConfig.defaults(ThresholdKind.EWMA), threshold,
                IncidentStateCodec.encode(state));

        JsonNode json = Json.MAPPER.readTree(view.toJson());
        assertEquals("pump-a", json.get("entity").asText());
        assertEquals(3.0, json.get("threshold").asDouble(), 1e-12);
        assertEquals("1970-01-01T00:00:06Z", json.get("lastWindowEnd").asText());
        JsonNode incident = json.get("incident");
        assertEquals("pump-a-2000", incident.get("id").asText());
        assertEquals("MEDIUM", incident.get("severity").asText());
        assertEquals("1970-01-01T00:00:01Z", incident.get("since").asText());
        assertEquals(9.0, incident.get("peakScore").asDouble());
        assertEquals(3.0, incident.get("peakRatio").asDouble());
        assertEquals(4, incident.get("windowsAbove").asInt());
        assertEquals(5, incident.get("windowsOpen").asInt());
    }

    @Test
    void entityWithoutIncidentStateHasNullIncidentAndLastWindow() throws Exception {
        byte[] threshold = ThresholdStateCodec.toBytes(new EwmaState(0.5, 1.0, 0.25));
        JsonNode json = Json.MAPPER.readTree(EntityView.of("pump-b", ThresholdConfig.defaults(ThresholdKind.EWMA),
                threshold, null).toJson());
        assertEquals(true, json.get("incident").isNull());
        assertEquals(true, json.get("lastWindowEnd").isNull());
    }
}
