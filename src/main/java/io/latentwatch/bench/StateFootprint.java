package io.latentwatch.bench;

import io.latentwatch.alert.IncidentStateCodec;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.threshold.ThresholdStateCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What one entity costs in the detector's state stores, measured by reading the stores of a running
 * detector (interactive queries): key plus value bytes per entity in the window, threshold and
 * incident stores, i.e. what their changelogs hold for it. The pending-windows store is shared by all
 * entities and empty between batches, so it is reported on its own.
 *
 * @param entities entities found in the window store
 * @param windowBytes mean bytes per entity in {@code entity-windows}
 * @param thresholdBytes mean bytes per entity in {@code entity-thresholds}
 * @param incidentBytes mean bytes per entity in {@code entity-incidents}
 * @param maxPerEntity the largest total of one entity over the three stores
 * @param pendingBytes bytes in {@code pending-windows} when measured (all entities together)
 * @param boundPerEntity the most one entity can take (see {@link #bound})
 */
public record StateFootprint(int entities, double windowBytes, double thresholdBytes, double incidentBytes,
                             long maxPerEntity, long pendingBytes, long boundPerEntity) {

    /** Mean bytes per entity over the three per-entity stores. */
    public double perEntity() {
        return windowBytes + thresholdBytes + incidentBytes;
    }

    /** Reads the stores of a running detector built by {@link DetectorTopology}. */
    static StateFootprint measure(KafkaStreams streams, DetectorConfig config, int channels, int window,
                                  String longestEntityId) {
        Map<String, Long> windows = perKey(stringStore(streams, DetectorTopology.WINDOW_STORE));
        Map<String, Long> thresholds = perKey(stringStore(streams, DetectorTopology.THRESHOLD_STORE));
        Map<String, Long> incidents = perKey(stringStore(streams, DetectorTopology.INCIDENT_STORE));
        Map<String, Long> total = new HashMap<>(windows);
        thresholds.forEach((k, v) -> total.merge(k, v, Long::sum));
        incidents.forEach((k, v) -> total.merge(k, v, Long::sum));
        long pending = 0;
        ReadOnlyKeyValueStore<Long, byte[]> pendingStore = streams.store(StoreQueryParameters.fromNameAndType(
                DetectorTopology.PENDING_STORE, QueryableStoreTypes.<Long, byte[]>keyValueStore()));
        try (KeyValueIterator<Long, byte[]> all = pendingStore.all()) {
            while (all.hasNext()) {
                pending += Long.BYTES + all.next().value.length;
            }
        }
        int n = Math.max(1, windows.size());
        return new StateFootprint(windows.size(), sum(windows) / (double) n, sum(thresholds) / (double) n,
                sum(incidents) / (double) n, total.values().stream().mapToLong(Long::longValue).max().orElse(0),
                pending, bound(config, channels, window, longestEntityId));
    }

    /**
     * The most bytes one entity can occupy with grace 0 and raw-reading windows: its id three times
     * (one key per store); the window state, fixed by window x channels (a 1 + 4 + 4 byte frame, a
     * reorder buffer of 33 bytes when the grace is 0 and so holds nothing, and the window buffer's
     * 53-byte header, 9 bytes per slot for time and fill flag, 8 per value, 12 per channel for the last
     * value and the missing run); the threshold state at its codec's cap; the incident state at its
     * codec's cap for this many channels. A grace above 0 adds up to (8 + 8 x channels) bytes per
     * reading held back for reordering.
     */
    static long bound(DetectorConfig config, int channels, int window, String entityId) {
        long key = entityId.getBytes(StandardCharsets.UTF_8).length;
        long windowState = 1 + 4 + 33 + 4 + 53 + 9L * window + 8L * window * channels + 12L * channels;
        return 3 * key + windowState + ThresholdStateCodec.maxBytes(config.threshold())
                + IncidentStateCodec.maxBytes(channels);
    }

    private static ReadOnlyKeyValueStore<String, byte[]> stringStore(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private static Map<String, Long> perKey(ReadOnlyKeyValueStore<String, byte[]> store) {
        Map<String, Long> out = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                out.put(kv.key, (long) kv.key.getBytes(StandardCharsets.UTF_8).length + kv.value.length);
            }
        }
        return out;
    }

    private static long sum(Map<String, Long> bytes) {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}
