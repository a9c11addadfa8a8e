package io.latentwatch.detect;

import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.DenoisedWindow;
import io.latentwatch.avro.LatentEmbedding;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.Window;
import io.latentwatch.model.DetectorModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the records of the optional per-window topics: scores, embeddings and denoised windows. */
final class WindowOutputs {
    private WindowOutputs() {
    }

    static AnomalyScore score(String entity, Window window, DetectorModel model, double score, double threshold,
                              float[] channelError) {
        Map<String, Double> errors = new LinkedHashMap<>();
        List<String> channels = model.spec().channels();
        for (int c = 0; c < channelError.length; c++) {
            errors.put(channels.get(c), (double) channelError[c]);
        }
        return AnomalyScore.newBuilder().setEntityId(entity)
                .setWindowStart(Instant.ofEpochMilli(window.start())).setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setModelName(model.name()).setModelVersion(model.version())
                .setScore(score).setThreshold(threshold).setAboveThreshold(score > threshold)
                .setChannelErrors(errors).build();
    }

    static LatentEmbedding embedding(String entity, Window window, DetectorModel model, float[] latent) {
        List<Float> values = new ArrayList<>(latent.length);
        for (float v : latent) {
            values.add(v);
        }
        return LatentEmbedding.newBuilder().setEntityId(entity)
                .setWindowStart(Instant.ofEpochMilli(window.start())).setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setModelName(model.name()).setModelVersion(model.version()).setLatent(values).build();
    }

    /** The reconstruction de-normalised to each channel's units, one row per step. */
    static DenoisedWindow denoised(String entity, Window window, DetectorModel model, float[] reconstruction) {
        FeatureSpec spec = model.spec();
        int channels = spec.channelCount();
        int stride = spec.featureChannels(); // seasonal differences, if any, follow the channels and are left out
        List<List<Double>> rows = new ArrayList<>(spec.window());
        List<Instant> times = new ArrayList<>(spec.window());
        for (int t = 0; t < spec.window(); t++) {
            List<Double> row = new ArrayList<>(channels);
            for (int c = 0; c < channels; c++) {
                row.add(spec.denormalise(c, reconstruction[t * stride + c]));
            }
            rows.add(row);
            times.add(Instant.ofEpochMilli(window.times()[t]));
        }
        return DenoisedWindow.newBuilder().setEntityId(entity)
                .setWindowStart(Instant.ofEpochMilli(window.start())).setWindowEnd(Instant.ofEpochMilli(window.end()))
                .setModelName(model.name()).setModelVersion(model.version())
                .setTimestamps(times).setChannels(spec.channels()).setValues(rows).build();
    }
}
