package io.latentwatch.ops;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the detector is alive and ready, derived from its Kafka Streams state.
 *
 * @param state the Kafka Streams state name
 * @param live the client has not failed or stopped (not ERROR, PENDING_ERROR or NOT_RUNNING); a
 *     liveness probe should restart the process when false
 * @param ready the client is RUNNING, so it processes records and answers entity queries
 */
public record Health(String state, boolean live, boolean ready) {

    public static Health of(KafkaStreams.State state) {
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
        return new Health(state.name(), live, state == KafkaStreams.State.RUNNING);
    }

    /** UP when ready, otherwise DOWN. */
    public String status() {
        return ready ? "UP" : "DOWN";
    }

    /** 200 when ready, otherwise 503. */
    public int httpStatus() {
        return ready ? 200 : 503;
    }

    public String toJson() {
        return Json.object().put("status", status()).put("live", live).put("ready", ready).put("state", state)
                .toString();
    }
}
