package io.latentwatch.serde.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that Confluent, Apicurio (ccompat), Karapace
 * and Redpanda all serve: register a schema under a subject, and fetch a schema by id.
 *
 * <p>Both directions are cached for the life of the client (ids are immutable in a registry). TLS
 * uses the JVM's default SSLContext (its trust store); basic auth is optional. Server errors (5xx)
 * and connection failures are retried a bounded number of times; 4xx fail at once. Every failure is
 * a {@link SchemaRegistryException} (a {@link LatentwatchException}) naming the URL, the HTTP status and the registry's message.
 *
 * <p>Thread-safe.
 */
public final class SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final int attempts;
    private final Duration backoff;
    private final Duration requestTimeout;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client without authentication, with default retries (3 attempts, 200 ms backoff). */
    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, null, null, 3, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /**
     * @param baseUrl the registry's base URL, e.g. {@code https://registry:8081}
     * @param user basic-auth user, or null for no authentication
     * @param password basic-auth password (used only with a user)
     * @param attempts total attempts per request for 5xx and connection errors, at least 1
     * @param backoff wait before the second attempt; doubled for each further one
     * @param requestTimeout connect and request timeout
     */
    public SchemaRegistryClient(String baseUrl, String user, String password, int attempts, Duration backoff,
            Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (attempts < 1) {
            throw new LatentwatchException("schema registry attempts must be at least 1, got " + attempts);
        }
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("expected http(s)://host[:port]");
            }
        } catch (IllegalArgumentException e) {
            throw new LatentwatchException("bad schema registry URL '" + baseUrl + "': " + e.getMessage(), e);
        }
        this.baseUrl = trimmed;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.attempts = attempts;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: every registry speaks it, and it avoids an h2c upgrade attempt on each plain-http call.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds its existing id; registering the same
     * schema twice is idempotent in every registry) and returns its global id. Cached per subject.
     */
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        String url = baseUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/versions";
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new LatentwatchException("cannot write registration request for subject " + subject, e);
        }
        HttpRequest request = base(url).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        JsonNode response = send(request, url);
        JsonNode id = response.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new LatentwatchException("schema registry " + url + " answered without an integer \"id\": "
                    + abbreviate(response.toString()));
        }
        int value = id.intValue();
        ids.put(schema, value);
        schemasById.putIfAbsent(value, schema);
        return value;
    }

    /** The schema with global id {@code id}; cached. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String url = baseUrl + "/schemas/ids/" + id;
        JsonNode response = send(base(url).GET().build(), url);
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw new LatentwatchException("schema registry " + url + " answered without a \"schema\" string: "
                    + abbreviate(response.toString()));
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            throw new LatentwatchException("schema registry " + url + " returned a schema that does not parse: "
                    + e.getMessage(), e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    private HttpRequest.Builder base(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request, String url) {
        String lastFailure = null;
        Throwable lastCause = null;
        int lastStatus = SchemaRegistryException.UNREACHABLE;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastCause = e;
                lastStatus = SchemaRegistryException.UNREACHABLE;
                lastFailure = "schema registry unreachable at " + url + ": " + describe(e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LatentwatchException("interrupted while calling schema registry " + url, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new LatentwatchException("schema registry " + url + " answered HTTP " + status
                            + " with a body that is not JSON: " + abbreviate(response.body()), e);
                }
            }
            String failure = "schema registry " + url + " answered HTTP " + status + errorDetail(response.body());
            if (status >= 500) {
                lastFailure = failure;
                lastCause = null;
                lastStatus = status;
                continue;
            }
            throw new SchemaRegistryException(status, failure, null);
        }
        throw new SchemaRegistryException(lastStatus, lastFailure + " (after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ")", lastCause);
    }

    private static String errorDetail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode message = node == null ? null : node.get("message");
            JsonNode code = node == null ? null : node.get("error_code");
            if (message != null && !message.isNull()) {
                return ": " + message.asText() + (code != null && !code.isNull() ? " (error_code " + code.asText()
                        + ")" : "");
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw body
        }
        return ": " + abbreviate(body);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted while waiting to retry the schema registry", e);
        }
    }
}
