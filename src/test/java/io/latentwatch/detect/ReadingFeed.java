package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A sensor gateway on a background thread, for fault tests: sends readings keyed by entity in step
 * order, a few steps per tick and never past a step limit the test raises, so a detector sees a
 * steady load while the test restarts the broker or moves partitions. Its producer is idempotent
 * and retries: while the broker is away a send waits (up to two minutes) and the feed resumes
 * when the broker returns, without losing, duplicating or reordering a reading.
 */
final class ReadingFeed implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<List<Reading>> bySteps;
    private final int stepsPerTick;
    private final Duration tick;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile int limit;
    private volatile int sent;
    private volatile boolean closed;

    private ReadingFeed(String bootstrapServers, String topic, List<Reading> readings, int stepsPerTick,
                        Duration tick, int limit) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.bySteps = bySteps(readings);
        this.stepsPerTick = stepsPerTick;
        this.tick = tick;
        this.limit = limit;
        this.thread = new Thread(this::run, "reading-feed-" + topic);
        thread.setDaemon(true);
    }

    /**
     * Starts feeding {@code readings} (steps 0, 1, ... with no gaps) to {@code topic}, sending
     * steps below {@code limit} only until {@link #allowUpTo} raises it.
     */
    static ReadingFeed start(String bootstrapServers, String topic, List<Reading> readings, int stepsPerTick,
                             Duration tick, int limit) {
        ReadingFeed feed = new ReadingFeed(bootstrapServers, topic, readings, stepsPerTick, tick, limit);
        feed.thread.start();
        return feed;
    }

    /** Lets the feed go on up to (not including) {@code step}. */
    void allowUpTo(int step) {
        limit = Math.max(limit, Math.min(step, bySteps.size()));
    }

    /** Lets the feed send everything and waits until the broker acknowledged every reading. */
    void finish() throws InterruptedException {
        allowUpTo(bySteps.size());
        thread.join(PATIENCE.toMillis() + bySteps.size() * tick.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("the feed still sends after its deadline, at step " + sent + " of "
                    + bySteps.size());
        }
        Exception e = failure.get();
        if (e != null) {
            throw new LatentwatchException("the feed failed to deliver readings to " + topic + " after step "
                    + sent + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        producer.close(Duration.ZERO);
    }

    private void run() {
        try {
            while (!closed && sent < bySteps.size()) {
                int until = Math.min(sent + stepsPerTick, limit);
                for (int step = sent; step < until; step++) {
                    for (Reading r : bySteps.get(step)) {
                        producer.send(new ProducerRecord<>(topic, r.entity(), BrokerData.encode(r)), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                    }
                }
                sent = Math.max(sent, until);
                Thread.sleep(tick.toMillis());
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static List<List<Reading>> bySteps(List<Reading> readings) {
        List<List<Reading>> out = new ArrayList<>();
        for (Reading r : readings) {
            while (out.size() <= r.step()) {
                out.add(new ArrayList<>());
            }
            out.get(r.step()).add(r);
        }
        return out;
    }
}
