package io.latentwatch.serde.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * An in-process stand-in for a Confluent-compatible schema registry: {@code POST
 * /subjects/{subject}/versions} and {@code GET /schemas/ids/{id}}, global ids from 1, the same
 * schema getting the same id. Counts requests; can require basic auth; can be told to fail.
 */
public final class FakeSchemaRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> idBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemaById = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> subjects = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private volatile String expectedAuthorization;
    private volatile int forcedStatus;
    private volatile String forcedMessage;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms
        // on Nagle and delayed ACK. Read once, when the server implementation loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void requireBasicAuth(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Answer every request with this status and {@code {"error_code":..., "message":...}}; 0 to stop. */
    void failWith(int status, String message) {
        forcedStatus = status;
        forcedMessage = message;
    }

    /** Registers directly, as another producer would have. */
    int preRegister(String subject, Schema schema) {
        return assign(subject, schema.toString());
    }

    private int assign(String subject, String schemaText) {
        String canonical = new Schema.Parser().parse(schemaText).toString();
        int id = idBySchema.computeIfAbsent(canonical, s -> {
            int assigned = nextId.getAndIncrement();
            schemaById.put(assigned, s);
            return assigned;
        });
        subjects.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(canonical, id);
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = expectedAuthorization;
            if (auth != null && !auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 401, "Unauthorized");
                return;
            }
            if (forcedStatus != 0) {
                error(exchange, forcedStatus, forcedStatus * 100 + 1, forcedMessage);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.startsWith("/subjects/") && path.endsWith("/versions")) {
                registrations.incrementAndGet();
                String subject = path.substring("/subjects/".length(), path.length() - "/versions".length());
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !type.startsWith(SchemaRegistryClient.CONTENT_TYPE)) {
                    error(exchange, 415, 415, "unsupported content type " + type);
                    return;
                }
                JsonNode request = JSON.readTree(body);
                int id;
                try {
                    id = assign(subject, request.get("schema").asText());
                } catch (RuntimeException e) {
                    error(exchange, 422, 42201, "Invalid schema: " + e.getMessage());
                    return;
                }
                respond(exchange, 200, Map.of("id", id));
            } else if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
                fetches.incrementAndGet();
                String schema;
                try {
                    schema = schemaById.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
                } catch (NumberFormatException e) {
                    schema = null;
                }
                if (schema == null) {
                    error(exchange, 404, 40403, "Schema not found");
                    return;
                }
                respond(exchange, 200, Map.of("schema", schema));
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        }
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        respond(exchange, status, Map.of("error_code", code, "message", message));
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
