package io.latentwatch.broker;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this
 * JVM, so that {@code latentwatch demo} needs nothing installed.
 *
 * <p>Lifecycle: {@link #start()} formats a fresh temporary log directory and returns once the
 * broker accepts clients on 127.0.0.1; {@link #close()} shuts the broker down and deletes the
 * directory. In between, {@link #stop()} and {@link #restart()} take the broker down and bring it
 * back on the same ports and log directory, with its topics, offsets and transactions, like a
 * restarted broker process (fault tests). The instance owns that directory and both ports; use it
 * in try-with-resources. Methods other than {@code close} throw {@link IllegalStateException}
 * after close.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    /** Free ports are found by binding and releasing them; another process may take one first. */
    private static final int START_ATTEMPTS = 3;

    private final KafkaConfig config;
    private final Path logDir;
    private final String bootstrapServers;
    /** The running server; null while stopped. Guarded by {@code this}. */
    private KafkaRaftServer server;
    private volatile boolean closed;

    private EmbeddedKafka(KafkaConfig config, KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.config = config;
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker on free loopback ports with a fresh temporary log directory.
     *
     * @throws LatentwatchException if the directory cannot be made or the broker does not start
     */
    public static EmbeddedKafka start() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce();
            } catch (RuntimeException e) {
                if (!causedByBind(e)) {
                    throw e;
                }
                LOG.warn("embedded Kafka could not bind its ports (attempt {} of {}), retrying",
                        attempt, START_ATTEMPTS);
                last = e;
            }
        }
        throw new LatentwatchException("embedded Kafka could not bind free ports on " + HOST
                + " in " + START_ATTEMPTS + " attempts", last);
    }

    private static EmbeddedKafka startOnce() {
        Path dir = createTempDir();
        KafkaRaftServer server = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = new KafkaConfig(brokerProperties(dir, brokerPort, controllerPort),
                    false);
            format(dir, Uuid.randomUuid().toString());
            server = new KafkaRaftServer(config, Time.SYSTEM);
            // startup() returns once the broker is registered and unfenced, i.e. serving clients.
            server.startup();
            String bootstrap = HOST + ":" + brokerPort;
            LOG.info("embedded Kafka started at {} (log dir {})", bootstrap, dir);
            return new EmbeddedKafka(config, server, dir, bootstrap);
        } catch (RuntimeException e) {
            stopQuietly(server);
            deleteQuietly(dir);
            throw e instanceof LatentwatchException ? e
                    : new LatentwatchException("embedded Kafka failed to start: " + e.getMessage(), e);
        }
    }

    /** The {@code bootstrap.servers} value for clients of this broker ({@code 127.0.0.1:port}). */
    public String bootstrapServers() {
        ensureOpen();
        return bootstrapServers;
    }

    /**
     * Creates the named topics with {@code partitions} partitions each (replication factor 1)
     * and returns once every partition has a leader; existing topics are left unchanged.
     */
    public void createTopics(int partitions, String... names) {
        ensureOpen();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Topics.create(admin, partitions, TOPIC_TIMEOUT, names);
        }
    }

    /**
     * Shuts the broker down cleanly and waits for it to stop, keeping its log directory for
     * {@link #restart()}; clients see the broker gone until then. Does nothing if already stopped.
     */
    public synchronized void stop() {
        ensureOpen();
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        LOG.info("embedded Kafka at {} stopped; log dir {} kept for a restart", bootstrapServers, logDir);
    }

    /**
     * Starts the broker again on the same ports and log directory (stopping it first if it runs)
     * and returns once it serves clients. Topics, committed offsets and transactions survive.
     *
     * @throws LatentwatchException if the broker does not start, for example because another
     *     process took one of its ports while it was stopped
     */
    public synchronized void restart() {
        ensureOpen();
        stop();
        KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            restarted.startup();
        } catch (RuntimeException e) {
            stopQuietly(restarted);
            throw new LatentwatchException("embedded Kafka could not restart at " + bootstrapServers
                    + " on log dir " + logDir + ": " + e.getMessage(), e);
        }
        server = restarted;
        LOG.info("embedded Kafka restarted at {} (log dir {})", bootstrapServers, logDir);
    }

    /** Shuts the broker down, waits for it to stop and deletes its log directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
                server = null;
            }
        } finally {
            deleteQuietly(logDir);
        }
        LOG.info("embedded Kafka at {} stopped", bootstrapServers);
    }

    /** The broker's log directory; exists until {@link #close()}. Visible for tests. */
    Path logDir() {
        return logDir;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka at " + bootstrapServers + " is closed");
        }
    }

    private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        // One node: every internal topic has one replica, and few partitions keep startup fast.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Simulations may use event times in the past (simulate --start); time-based retention would
        // delete their segments at the next retention check. The data lives in a temp dir anyway.
        p.put("log.retention.ms", "-1");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        return p;
    }

    private static void format(Path dir, String clusterId) {
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(discard)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new LatentwatchException("could not format Kafka log directory " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("latentwatch-kafka-");
        } catch (IOException e) {
            throw new LatentwatchException("could not create a temporary directory for Kafka: "
                    + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LatentwatchException("could not find a free port on " + HOST + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka did not shut down cleanly after a failed start", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("could not delete Kafka log directory {}", dir, e);
        }
    }
}
