package io.latentwatch.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's HTTP endpoints: {@code GET /metrics} (Prometheus), {@code GET /health} and
 * {@code GET /entities/{id}}.
 *
 * <p>Lifecycle: {@link #bind} takes the port (so that {@code --http-port 0} is resolved before the
 * streams are configured with it as {@code application.server}); {@link #start} serves, once;
 * {@link #close} stops serving and its threads. Owns neither the streams nor the metrics.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final String JSON = "application/json";
    private static final String ENTITIES = "/entities/";

    private final HttpServer server;
    private final ExecutorService executor;
    private boolean started;

    private OpsHttpServer(HttpServer server) {
        this.server = server;
        // Two threads, so that a slow forwarded entity query does not hold up a scrape.
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "latentwatch-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /** Binds {@code host:port} (port 0: any free port) without serving yet. */
    public static OpsHttpServer bind(String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new LatentwatchException("HTTP port must be in [0, 65535], got " + port);
        }
        try {
            return new OpsHttpServer(HttpServer.create(new InetSocketAddress(host, port), 0));
        } catch (IOException e) {
            throw new LatentwatchException("could not listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The {@code host:port} other instances reach this one at: the bound host, or this machine's
     * name when bound to all interfaces.
     */
    public HostInfo advertised() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? localHostName() : a.getHostString();
        return new HostInfo(host, a.getPort());
    }

    /** Starts serving; call once, after the streams were started. */
    public synchronized void start(KafkaStreams streams, DetectorMetrics metrics, EntityQuery entities) {
        if (started) {
            throw new IllegalStateException("the HTTP server is already started");
        }
        started = true;
        server.createContext("/", exchange -> handle(exchange, streams, metrics, entities));
        server.start();
        LOG.info("HTTP endpoints on http://{}:{}/ (metrics, health, entities/ID)", address().getHostString(),
                address().getPort());
    }

    private static void handle(HttpExchange exchange, KafkaStreams streams, DetectorMetrics metrics,
                               EntityQuery entities) throws IOException {
        try (exchange) {
            try {
                respond(exchange, streams, metrics, entities);
            } catch (RuntimeException e) {
                LOG.warn("HTTP request {} failed", exchange.getRequestURI(), e);
                send(exchange, 500, JSON, Json.error(e.toString(), null));
            }
        }
    }

    private static void respond(HttpExchange exchange, KafkaStreams streams, DetectorMetrics metrics,
                                EntityQuery entities) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean known = path.equals("/metrics") || path.equals("/health")
                || (path.startsWith(ENTITIES) && path.length() > ENTITIES.length()
                && path.indexOf('/', ENTITIES.length()) < 0);
        if (!known) {
            send(exchange, 404, JSON, Json.error("no such endpoint: " + path
                    + "; expected one of /metrics, /health, /entities/{id}", null));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, JSON, Json.error("method " + method + " not allowed; expected GET", null));
            return;
        }
        if (path.equals("/metrics")) {
            send(exchange, 200, DetectorMetrics.CONTENT_TYPE, metrics.scrape());
        } else if (path.equals("/health")) {
            Health health = Health.of(streams.state());
            send(exchange, health.httpStatus(), JSON, health.toJson());
        } else {
            String entity = URLDecoder.decode(path.substring(ENTITIES.length()), StandardCharsets.UTF_8);
            boolean forwarded = exchange.getRequestHeaders().containsKey(EntityQuery.FORWARDED_HEADER);
            EntityQuery.Reply reply = entities.lookup(entity, forwarded);
            send(exchange, reply.status(), JSON, reply.json());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw new LatentwatchException("bound to all interfaces but this machine's name is unknown: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
