package io.latentwatch.sim;

import java.util.List;

/**
 * One sensor channel of a simulated pump: its name on the wire, its unit, and the size of a
 * clearly visible deviation, which scales the injected anomalies. Deviations are small enough
 * that the largest downward fault still leaves every value positive.
 */
public enum Channel {
    VIBRATION("vibration", "mm/s", 0.6),
    TEMPERATURE("temperature", "degC", 6.0),
    PRESSURE("pressure", "bar", 0.5),
    CURRENT("current", "A", 5.0),
    FLOW("flow", "m3/h", 10.0),
    RPM("rpm", "1/min", 120.0);

    /** Channel names in the order readings carry them. */
    public static final List<String> NAMES = List.of(values()).stream().map(Channel::id).toList();

    private final String id;
    private final String unit;
    private final double deviation;

    Channel(String id, String unit, double deviation) {
        this.id = id;
        this.unit = unit;
        this.deviation = deviation;
    }

    /** The key of this channel in {@code SensorReading.readings}. */
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    /** A deviation an operator would call obvious, in the channel's unit. */
    double deviation() {
        return deviation;
    }
}
