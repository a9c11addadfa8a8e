package io.latentwatch.ops;

import io.latentwatch.LatentwatchException;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.threshold.ThresholdConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive query of one entity's threshold and incident state, wherever in the application its
 * partition is active: read from the local stores, or forwarded over HTTP to the instance whose
 * {@code application.server} hosts it.
 *
 * <p>A forwarded request carries {@link #FORWARDED_HEADER}; an instance receiving one answers from
 * its own stores or with 503, never forwarding again, so two instances with different views of the
 * assignment cannot bounce a request between them.
 */
public final class EntityQuery {
    /** Marks a request one instance sent another. */
    public static final String FORWARDED_HEADER = "X-Latentwatch-Forwarded";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    /** An HTTP status and JSON body. */
    public record Reply(int status, String json) {
    }

    private final KafkaStreams streams;
    private final ThresholdConfig thresholds;
    private final HostInfo self;
    private final HttpClient client;

    /**
     * @param self this instance's {@code application.server}, as the streams were configured with
     */
    public EntityQuery(KafkaStreams streams, ThresholdConfig thresholds, HostInfo self) {
        this.streams = streams;
        this.thresholds = thresholds;
        this.self = self;
        this.client = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();
    }

    /**
     * @param forwarded whether another instance sent this request, which must then not be forwarded
     */
    public Reply lookup(String entity, boolean forwarded) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return unavailable("the detector is " + state, entity);
        }
        // The threshold and incident stores belong to one processor, so they share partitions.
        KeyQueryMetadata where = streams.queryMetadataForKey(DetectorTopology.INCIDENT_STORE, entity,
                Serdes.String().serializer());
        if (where == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return unavailable("partition assignment is not known yet (rebalancing)", entity);
        }
        if (where.activeHost().equals(self)) {
            return local(entity, where.partition());
        }
        if (forwarded) {
            return unavailable("this instance does not host the entity's partition (rebalancing)", entity);
        }
        return forward(where.activeHost(), entity);
    }

    private Reply local(String entity, int partition) {
        try {
            byte[] threshold = store(DetectorTopology.THRESHOLD_STORE, partition).get(entity);
            byte[] incident = store(DetectorTopology.INCIDENT_STORE, partition).get(entity);
            if (threshold == null && incident == null) {
                return new Reply(404, Json.error("unknown entity", entity));
            }
            return new Reply(200, EntityView.of(entity, thresholds, threshold, incident).toJson());
        } catch (InvalidStateStoreException e) {
            return unavailable("state stores are not queryable now (rebalancing): " + e.getMessage(), entity);
        } catch (LatentwatchException e) {
            return new Reply(500, Json.error("stored state does not decode: " + e.getMessage(), entity));
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, byte[]>keyValueStore()).withPartition(partition));
    }

    private Reply forward(HostInfo host, String entity) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/entities/"
                + URLEncoder.encode(entity, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(FORWARD_TIMEOUT)
                .header(FORWARDED_HEADER, "1").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(502, Json.error("instance " + host + " hosting the entity did not answer: " + e,
                    entity));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while asking " + host, entity);
        }
    }

    private static Reply unavailable(String why, String entity) {
        return new Reply(503, Json.error(why, entity));
    }
}
