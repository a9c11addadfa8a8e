package io.latentwatch.sim;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link PlantSimulator} into a Kafka topic: the live sensor feed of the demo.
 *
 * <p>Each reading becomes one record with key = entity id, value = the caller's serialization
 * and record timestamp = the reading's event time. With {@link Pacing#REAL_TIME} the readings
 * of one timestamp go out together, {@code 1 / ratePerSecond} seconds of wall time after the
 * previous ones; with {@link Pacing#AS_FAST_AS_POSSIBLE} they go out without waiting.
 *
 * <p>Lifecycle: run once, either in the caller's thread with {@link #run()} or in a background
 * thread with {@link #start()}; {@link #stop()} ends it early. The runner owns the producer and
 * closes it in {@link #close()}, after waiting for the run to end and flushing.
 */
public final class SimulatorRunner implements AutoCloseable {

    /** How readings are spread over wall time. */
    public enum Pacing {
        /** One timestamp's readings every {@code 1 / ratePerSecond} seconds, like real sensors. */
        REAL_TIME,
        /** No waiting; for loading topics with history and for tests. */
        AS_FAST_AS_POSSIBLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final PlantSimulator simulator;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Function<SensorReading, byte[]> serializer;
    private final Pacing pacing;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * Creates a runner that takes ownership of {@code producer}.
     *
     * @param serializer turns a reading into the record value; the caller owns the wire format
     */
    public SimulatorRunner(PlantSimulator simulator, Producer<String, byte[]> producer, String topic,
            Function<SensorReading, byte[]> serializer, Pacing pacing) {
        if (topic == null || topic.isBlank()) {
            throw new LatentwatchException("topic must be a topic name, got '" + topic + "'");
        }
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = topic;
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
    }

    /**
     * Creates a runner with its own idempotent {@link KafkaProducer} for {@code bootstrapServers}.
     */
    public static SimulatorRunner create(PlantSimulator simulator, String bootstrapServers, String topic,
            Function<SensorReading, byte[]> serializer, Pacing pacing) {
        Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "latentwatch-simulator"),
                new StringSerializer(), new ByteArraySerializer());
        return new SimulatorRunner(simulator, producer, topic, serializer, pacing);
    }

    /**
     * Sends every reading in the caller's thread and returns how many the broker acknowledged;
     * returns early after {@link #stop()}.
     *
     * @throws LatentwatchException if serializing or sending a reading failed
     * @throws IllegalStateException if this runner already ran or is closed
     */
    public long run() {
        claim(Thread.currentThread());
        try {
            play();
        } finally {
            finished.countDown();
        }
        rethrowFailure();
        return sent.get();
    }

    /**
     * Starts sending in a background thread and returns at once.
     *
     * @throws IllegalStateException if this runner already ran or is closed
     */
    public void start() {
        Thread thread = new Thread(() -> {
            try {
                play();
            } finally {
                finished.countDown();
            }
        }, "simulator-runner-" + topic);
        thread.setDaemon(true);
        claim(thread);
        thread.start();
    }

    /** Asks the run to end after the current timestamp's readings; returns at once. */
    public void stop() {
        stopRequested.countDown();
    }

    /**
     * Waits until the run ended (all readings sent, stopped, or failed).
     *
     * @return {@code true} if it ended within {@code timeout}
     * @throws LatentwatchException if the run ended because a reading could not be sent
     */
    public boolean awaitCompletion(Duration timeout) {
        try {
            if (!finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted while waiting for the simulator run to "
                    + topic, e);
        }
        rethrowFailure();
        return true;
    }

    /** Readings the broker has acknowledged so far. */
    public long sent() {
        return sent.get();
    }

    /**
     * Stops the run, waits for it to end, flushes and closes the producer. A failure of the run
     * is not rethrown here; {@link #run()} and {@link #awaitCompletion} report it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        Thread thread = runner.get();
        try {
            if (thread != null && thread != Thread.currentThread()) {
                thread.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    private void claim(Thread thread) {
        if (closed) {
            throw new IllegalStateException("simulator runner for topic " + topic + " is closed");
        }
        if (!runner.compareAndSet(null, thread)) {
            throw new IllegalStateException("simulator runner for topic " + topic
                    + " already ran; create a new one");
        }
    }

    private void play() {
        int entities = simulator.config().entities();
        double rate = simulator.config().ratePerSecond();
        Iterator<SensorReading> readings = simulator.iterator();
        long wallStart = System.nanoTime();
        long tick = 0;
        try {
            while (readings.hasNext() && failure.get() == null) {
                if (pacing == Pacing.REAL_TIME && awaitTick(wallStart + (long) (tick * 1e9 / rate))) {
                    break;
                }
                if (pacing == Pacing.AS_FAST_AS_POSSIBLE && stopRequested.getCount() == 0) {
                    break;
                }
                for (int e = 0; e < entities && readings.hasNext(); e++) {
                    send(readings.next());
                }
                tick++;
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        LOG.info("simulator sent {} of {} readings to {}", sent.get(), simulator.totalReadings(), topic);
    }

    /** Waits until {@code dueNanos}; returns {@code true} if a stop was requested meanwhile. */
    private boolean awaitTick(long dueNanos) {
        try {
            long wait = dueNanos - System.nanoTime();
            return wait > 0 ? stopRequested.await(wait, TimeUnit.NANOSECONDS) : stopRequested.getCount() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void send(SensorReading reading) {
        byte[] value;
        try {
            value = serializer.apply(reading);
        } catch (RuntimeException e) {
            throw new LatentwatchException("could not serialize the reading of " + reading.getEntityId()
                    + " at " + reading.getTimestamp() + ": " + e.getMessage(), e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                reading.getTimestamp().toEpochMilli(), reading.getEntityId(), value);
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                sent.incrementAndGet();
            } else {
                failure.compareAndSet(null, exception);
            }
        });
    }

    private void rethrowFailure() {
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof LatentwatchException le ? le
                    : new LatentwatchException("simulator could not send to topic " + topic + ": "
                            + t.getMessage(), t);
        }
    }
}
