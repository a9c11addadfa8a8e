package io.latentwatch.replay;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a {@link ReplayRange} of every partition of a topic with a plain consumer (no group, nothing
 * committed) and hands the records on one at a time, each partition in offset order and the
 * partitions merged by record timestamp (ties to the lower partition), as a Kafka Streams task picks
 * its next record. A partition ends at the end offset it had when the reader was opened, or at its
 * first record at or after the range's end time. Buffers at most {@value #MAX_BUFFERED} records per
 * partition (pausing those ahead), so memory does not grow with the range.
 *
 * <p>Owns its consumer: {@link #close()} closes it.
 */
final class RangeReader implements AutoCloseable {
    static final int MAX_BUFFERED = 10_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Long to;
    private final Duration timeout;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues = new HashMap<>();
    private final Set<TopicPartition> finished = new HashSet<>();
    private final long total;

    /**
     * @param clientConfig consumer properties, at least {@code bootstrap.servers}; group and deserializer
     *     settings are ignored, {@code isolation.level} defaults to read_committed
     */
    RangeReader(Map<String, Object> clientConfig, String topic, ReplayRange range, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putAll(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.topic = topic;
        this.to = range.to() == null ? null : range.to().toEpochMilli();
        this.timeout = timeout;
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new LatentwatchException("topic " + topic + " does not exist on "
                        + clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
            }
            this.partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            ends.putAll(consumer.endOffsets(partitions, timeout));
            Map<TopicPartition, Long> starts = starts(range);
            long sum = 0;
            for (TopicPartition tp : partitions) {
                long start = starts.get(tp);
                consumer.seek(tp, start);
                queues.put(tp, new ArrayDeque<>());
                if (start >= ends.get(tp)) {
                    finished.add(tp);
                }
                sum += Math.max(0, ends.get(tp) - start);
            }
            this.total = sum;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private Map<TopicPartition, Long> starts(ReplayRange range) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (range.from() != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, range.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = found.get(tp);
                starts.put(tp, at == null ? ends.get(tp) : at.offset());
            }
        } else {
            long offset = range.fromOffset() == null ? 0 : range.fromOffset();
            for (TopicPartition tp : partitions) {
                starts.put(tp, Math.max(beginnings.get(tp), Math.min(offset, ends.get(tp))));
            }
        }
        return starts;
    }

    /** Records between the start and end offsets of all partitions: what the replay reads at most. */
    long total() {
        return total;
    }

    /** Partitions of the topic, in partition order. */
    int partitionCount() {
        return partitions.size();
    }

    /** Hands every record of the range to {@code sink}, in the merged order described above. */
    void forEach(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long lastProgress = System.nanoTime();
        while (true) {
            ConsumerRecord<byte[], byte[]> next;
            while ((next = nextReady()) != null) {
                sink.accept(next);
            }
            if (finished.size() == partitions.size() && queues.values().stream().allMatch(ArrayDeque::isEmpty)) {
                return;
            }
            int added = 0;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (finished.contains(tp)) {
                    continue;
                }
                if (r.offset() >= ends.get(tp) || (to != null && r.timestamp() >= to)) {
                    finish(tp);
                    continue;
                }
                queues.get(tp).add(r);
                added++;
            }
            for (TopicPartition tp : partitions) {
                if (!finished.contains(tp) && consumer.position(tp, timeout) >= ends.get(tp)) {
                    finish(tp);
                }
            }
            throttle();
            if (added > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new LatentwatchException("reading " + topic + " made no progress for " + timeout + "; still open: "
                        + open() + ", positions " + positions());
            }
        }
    }

    /** The record with the lowest timestamp, once every partition still being read has one buffered. */
    private ConsumerRecord<byte[], byte[]> nextReady() {
        ConsumerRecord<byte[], byte[]> best = null;
        for (TopicPartition tp : partitions) {
            ArrayDeque<ConsumerRecord<byte[], byte[]>> q = queues.get(tp);
            if (q.isEmpty()) {
                if (!finished.contains(tp)) {
                    return null;
                }
                continue;
            }
            if (best == null || q.peek().timestamp() < best.timestamp()) {
                best = q.peek();
            }
        }
        if (best != null) {
            queues.get(new TopicPartition(best.topic(), best.partition())).poll();
        }
        return best;
    }

    private void finish(TopicPartition tp) {
        finished.add(tp);
        consumer.pause(List.of(tp));
    }

    private void throttle() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (finished.contains(tp)) {
                continue;
            }
            (queues.get(tp).size() >= MAX_BUFFERED ? pause : resume).add(tp);
        }
        consumer.pause(pause);
        consumer.resume(resume);
    }

    private List<TopicPartition> open() {
        return partitions.stream().filter(tp -> !finished.contains(tp)).toList();
    }

    private Map<TopicPartition, String> positions() {
        Map<TopicPartition, String> out = new HashMap<>();
        for (TopicPartition tp : open()) {
            out.put(tp, consumer.position(tp, timeout) + "/" + ends.get(tp));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
