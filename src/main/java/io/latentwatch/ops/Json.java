package io.latentwatch.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the HTTP endpoints; thread-safe once configured. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"error": message}} plus the entity when there is one. */
    static String error(String message, String entity) {
        ObjectNode n = object().put("error", message);
        if (entity != null) {
            n.put("entity", entity);
        }
        return n.toString();
    }
}
