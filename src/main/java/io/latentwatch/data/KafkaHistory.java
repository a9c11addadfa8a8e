package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordDecodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the {@code SensorReading} history of a topic over an event-time range into one
 * {@link TimeSeries} per entity, so a model can be trained on what the detector will see.
 *
 * <p>How it reads: a plain consumer without a group (nothing is committed) is assigned every
 * partition and seeks each to {@code offsetsForTimes(from)}. That seek relies on record timestamps
 * being no earlier than the readings' event time, which holds when producers stamp records with the
 * event time (as the simulator does) or with the time they sent them. A partition is finished when
 * it reaches the end offset it had when the read started (records appended meanwhile are not waited
 * for) or when a reading's event time reaches {@code to}, which assumes each partition is written
 * roughly in event-time order. By default it reads with {@code isolation.level=read_committed}.
 *
 * <p>What it keeps: readings with {@code from <= timestamp < to} (the payload's event time, not the
 * record timestamp). Records whose bytes do not decode are skipped and counted, never fatal; so are
 * readings outside the range. Each entity's rows are sorted by event time (stable, so equal
 * timestamps keep topic order; duplicates are kept).
 *
 * <p>Missing-value policy: the channels are the given list, or else the sorted union of every channel
 * name seen in range. A reading that lacks one of them gets NaN there, and channels outside a given
 * list are ignored. The NaN is left for the consumer of the series: training and detection both fill
 * it through {@link io.latentwatch.features.WindowBuffer}'s gap policy (carry the channel's last value
 * forward, else its training mean), so a model trained from history treats gaps as the detector will.
 */
public final class KafkaHistory {
    private static final Duration POLL = Duration.ofMillis(200);

    private KafkaHistory() {
    }

    /**
     * What to read.
     *
     * @param topic topic of {@code SensorReading} records
     * @param from first event time to keep (inclusive)
     * @param to end of the range (exclusive), after {@code from}
     * @param channels channel names in model order, or empty for the sorted union of channels seen
     * @param timeout longest wait for metadata and offsets, and for the read to make progress
     */
    public record Request(String topic, Instant from, Instant to, List<String> channels, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Request {
            if (topic == null || topic.isBlank()) {
                throw new LatentwatchException("a topic name is needed, got '" + topic + "'");
            }
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new LatentwatchException("the range [" + from + ", " + to + ") is empty; 'to' must be after 'from'");
            }
            channels = channels == null ? List.of() : List.copyOf(channels);
            if (new HashSet<>(channels).size() != channels.size()) {
                throw new LatentwatchException("channels must be distinct, got " + channels);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new LatentwatchException("timeout must be positive, got " + timeout);
            }
        }

        /** All channels seen, the default timeout. */
        public static Request of(String topic, Instant from, Instant to) {
            return new Request(topic, from, to, List.of(), DEFAULT_TIMEOUT);
        }

        public Request withChannels(List<String> names) {
            return new Request(topic, from, to, names, timeout);
        }
    }

    /**
     * What was read.
     *
     * @param series one series per entity id, in entity-id order; entities without a reading in range are absent
     * @param recordsRead records consumed, whatever became of them
     * @param undecodable records skipped because their bytes are not a {@code SensorReading}
     * @param outOfRange readings skipped because their event time is outside the range
     */
    public record Result(Map<String, TimeSeries> series, long recordsRead, long undecodable, long outOfRange) {
        public Result {
            series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        }

        /** The series in entity-id order. */
        public List<TimeSeries> seriesList() {
            return List.copyOf(series.values());
        }
    }

    /**
     * Reads the request's range.
     *
     * @param consumerConfig Kafka consumer properties; at least {@code bootstrap.servers}. Group and
     *     deserializer settings are ignored; {@code isolation.level} defaults to {@code read_committed}
     * @param progress told the total number of records read after every poll; may be null
     * @throws LatentwatchException when the topic does not exist or the broker does not answer in time
     */
    public static Result read(Map<String, ?> consumerConfig, Request request, LongConsumer progress) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putAll(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // A reader of history must not create the topic it was asked to read by a typo.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        LongConsumer report = progress == null ? n -> { } : progress;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return new Reader(consumer, request, report).run();
        } catch (KafkaException e) {
            throw new LatentwatchException("cannot read " + request.topic() + " [" + request.from() + ", "
                    + request.to() + ") from " + consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                    + e.getMessage(), e);
        }
    }

    /** One read: the consumer, which partitions are still open, and the rows collected so far. */
    private static final class Reader {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Request request;
        private final LongConsumer progress;
        private final long from;
        private final long to;
        private final Map<TopicPartition, Long> ends = new HashMap<>();
        private final Set<TopicPartition> open = new HashSet<>();
        private final HistoryRows rows;
        private long read;
        private long undecodable;
        private long outOfRange;

        Reader(KafkaConsumer<byte[], byte[]> consumer, Request request, LongConsumer progress) {
            this.consumer = consumer;
            this.request = request;
            this.progress = progress;
            this.from = request.from().toEpochMilli();
            this.to = request.to().toEpochMilli();
            this.rows = new HistoryRows(request.channels());
        }

        Result run() {
            seek();
            long stalledSince = System.nanoTime();
            while (!open.isEmpty()) {
                long before = read;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    accept(record);
                }
                closeFinished();
                progress.accept(read);
                if (read > before) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > request.timeout().toNanos()) {
                    throw new LatentwatchException("no records from " + request.topic() + " for " + request.timeout()
                            + " although partitions " + open + " have not reached their end offsets " + ends);
                }
            }
            return new Result(rows.toSeries(), read, undecodable, outOfRange);
        }

        private void seek() {
            List<PartitionInfo> infos = consumer.partitionsFor(request.topic(), request.timeout());
            if (infos == null || infos.isEmpty()) {
                throw new LatentwatchException("topic " + request.topic() + " does not exist or has no partitions");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            ends.putAll(consumer.endOffsets(partitions, request.timeout()));
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, request.timeout());
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                // Null: no record at or after 'from' in this partition, so nothing to read there.
                if (start != null && start.offset() < ends.get(p)) {
                    consumer.seek(p, start.offset());
                    open.add(p);
                }
            }
            consumer.pause(partitions.stream().filter(p -> !open.contains(p)).toList());
        }

        private void accept(ConsumerRecord<byte[], byte[]> record) {
            TopicPartition p = new TopicPartition(record.topic(), record.partition());
            // A poll may return records past the point a partition was finished at; they are not part of the read.
            if (!open.contains(p) || record.offset() >= ends.get(p)) {
                finish(p);
                return;
            }
            read++;
            SensorReading reading;
            try {
                reading = AvroSerdes.readings().decode(record.value());
            } catch (RecordDecodingException e) {
                undecodable++;
                return;
            }
            long t = reading.getTimestamp().toEpochMilli();
            if (t >= to) {
                outOfRange++;
                finish(p);
                return;
            }
            if (t < from) {
                outOfRange++;
                return;
            }
            rows.add(reading.getEntityId(), t, reading.getReadings());
        }

        private void closeFinished() {
            for (TopicPartition p : List.copyOf(open)) {
                if (consumer.position(p, request.timeout()) >= ends.get(p)) {
                    finish(p);
                }
            }
        }

        private void finish(TopicPartition p) {
            if (open.remove(p)) {
                consumer.pause(List.of(p));
            }
        }
    }
}
