package io.latentwatch.detect;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.Severity;
import io.latentwatch.features.Window;
import io.latentwatch.model.DetectorModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds alert records: severity from score/threshold, explanation from per-channel error shares. */
public final class Alerts {
    static final int TOP_CHANNELS = 3;

    private Alerts() {
    }

    static AnomalyAlert alert(String entity, Window window, double score, double threshold, DetectorModel model,
                              float[] channelError) {
        return AnomalyAlert.newBuilder()
                .setAlertId(entity + "@" + window.end() + "/" + model.version())
                .setEntityId(entity)
                .setWindowStart(Instant.ofEpochMilli(window.start()))
                .setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setScore(score)
                .setThreshold(threshold)
                .setSeverity(severity(score / threshold))
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setTopChannels(topChannels(model.spec().channels(), channelError, TOP_CHANNELS))
                .setDetectedAt(Instant.ofEpochMilli(window.end()))
                .build();
    }

    /** Severity for a score that is {@code ratio} times the threshold. */
    public static Severity severity(double ratio) {
        if (ratio < 1.5) {
            return Severity.LOW;
        }
        if (ratio < 3) {
            return Severity.MEDIUM;
        }
        if (ratio < 10) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    /** The {@code k} channels with the largest share of the error, largest first; ties by channel order. */
    public static List<ChannelContribution> topChannels(List<String> channels, float[] channelError, int k) {
        double total = 0;
        for (float e : channelError) {
            total += e;
        }
        List<ChannelContribution> all = new ArrayList<>();
        for (int c = 0; c < channelError.length; c++) {
            double share = total > 0 ? channelError[c] / total : 1.0 / channelError.length;
            all.add(new ChannelContribution(channels.get(c), share));
        }
        all.sort(Comparator.comparingDouble(ChannelContribution::getShare).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
