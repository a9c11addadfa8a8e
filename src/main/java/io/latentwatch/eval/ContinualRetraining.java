package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import io.latentwatch.ScratchDirectory;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.model.ModelRegistry;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continual retraining in an evaluation: the file's rows run through the topology with the model
 * served from a model directory ({@link ModelRegistry}, exactly as {@code detect} serves it); every
 * {@code retrainEvery} rows after the training rows, a model is trained on the latest
 * training-length rows, all of them already scored, written to that directory and swapped in the
 * way a hot swap in production is. A retraining that fails (for instance on constant rows) keeps
 * the running model.
 */
final class ContinualRetraining {
    private static final Logger LOG = LoggerFactory.getLogger(ContinualRetraining.class);

    private ContinualRetraining() {
    }

    static RowVerdicts run(String key, DataFormat format, TimeSeries series, int trainRows,
                           ModelTrainer.Trained initial, EvaluationOptions options, TrainOptions training,
                           Path scratch) {
        Path modelDir = scratch.resolve("model-" + training.name());
        ModelFiles.write(modelDir, initial.card(), initial.onnx());
        int every = options.retrainEvery();
        try (ModelRegistry registry = ModelRegistry.open(modelDir)) {
            return DetectorRun.run(registry, options.detector(), key, series,
                    scratch.resolve("state-" + training.name()), row -> {
                        int seen = row + 1;
                        if (seen > trainRows && (seen - trainRows) % every == 0) {
                            retrain(key, format, series.slice(seen - trainRows, seen), seen, training, modelDir,
                                    registry);
                        }
                    });
        } finally {
            ScratchDirectory.deleteQuietly(modelDir);
        }
    }

    private static void retrain(String key, DataFormat format, TimeSeries recent, int upTo, TrainOptions training,
                                Path modelDir, ModelRegistry registry) {
        ModelTrainer.Trained next;
        try {
            next = ModelTrainer.train(recent, new ModelCard.DataSource(key, format.word(), upTo - recent.rows(), upTo),
                    training, EpochListener.NONE);
        } catch (LatentwatchException e) {
            LOG.debug("{}: retraining on rows [{}, {}) failed, the running model stays: {}", key,
                    upTo - recent.rows(), upTo, e.getMessage());
            return;
        }
        ModelFiles.write(modelDir, next.card(), next.onnx());
        registry.pollOnce();
    }
}
