package io.latentwatch.detect;

import io.latentwatch.model.DetectorModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * One detector instance in the test JVM: the production topology on its own model session, stats
 * and state directory, as {@code latentwatch detect} runs it. Several with one application id share
 * the input's partitions.
 */
final class DetectorInstance implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final DetectorModel model;
    private final DetectorStats stats = new DetectorStats();
    private final KafkaStreams streams;
    private boolean closed;

    private DetectorInstance(DetectorConfig config, DetectorModel model, String bootstrapServers, String appId,
                             Path stateDir) {
        this.model = model;
        this.streams = new KafkaStreams(DetectorTopology.build(config, model, stats),
                StreamsSettings.of(bootstrapServers, appId, stateDir, null));
    }

    /** Loads the model from {@code modelDir} and starts an instance; returns without waiting for RUNNING. */
    static DetectorInstance start(DetectorConfig config, Path modelDir, String bootstrapServers, String appId,
                                  Path stateDir) {
        DetectorModel model = DetectorModel.load(modelDir);
        try {
            DetectorInstance instance = new DetectorInstance(config, model, bootstrapServers, appId, stateDir);
            instance.streams.start();
            return instance;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    DetectorStats stats() {
        return stats;
    }

    KafkaStreams streams() {
        return streams;
    }

    /** The partitions of {@code topic} this instance processes as active tasks right now, as "topic-N". */
    Set<String> owned(String topic) {
        Set<String> out = new TreeSet<>();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return out;
        }
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                task.topicPartitions().stream().filter(p -> p.topic().equals(topic))
                        .forEach(p -> out.add(p.toString()));
            }
        }
        return out;
    }

    /**
     * Closes the streams cleanly and leaves the group at once, as a scale-in would, so the others
     * take its partitions over without waiting out the session timeout; then closes the model.
     */
    void leave() {
        shutDown(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /**
     * Closes the streams cleanly (committing) but, like {@code KafkaStreams.close()} and a stopped
     * {@code latentwatch detect}, stays in the group until the session times out; then the model.
     * Idempotent, and a no-op after {@link #leave()}.
     */
    @Override
    public void close() {
        shutDown(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
    }

    private synchronized void shutDown(CloseOptions options) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            streams.close(options.withTimeout(CLOSE_TIMEOUT));
        } finally {
            model.close();
        }
    }
}
