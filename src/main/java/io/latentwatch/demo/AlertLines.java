package io.latentwatch.demo;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Formats alerts as one readable line each, for people watching them arrive. */
public final class AlertLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private AlertLines() {
    }

    public static String line(AnomalyAlert a) {
        String channels = a.getTopChannels().stream()
                .map(AlertLines::channel)
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%-6s %-8s %-10s %s .. %s  score %.4f vs %.4f (x%.1f)  top: %s  [%s %s]",
                a.getStatus(), a.getSeverity(), a.getEntityId(), TIME.format(a.getWindowStart()),
                TIME.format(a.getWindowEnd()), a.getScore(), a.getThreshold(), a.getScore() / a.getThreshold(), channels,
                a.getIncidentId(), a.getModelVersion());
    }

    private static String channel(ChannelContribution c) {
        return String.format(Locale.ROOT, "%s %.0f%%", c.getChannel(), 100 * c.getShare());
    }
}
