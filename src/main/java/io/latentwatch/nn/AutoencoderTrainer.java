package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains an autoencoder ({@link Autoencoder} of any architecture, or the original
 * {@link DenseAutoencoder}) to reconstruct normal windows, with mini-batch AdamW, an optional
 * learning-rate schedule, a validation loss per epoch, early stopping, and the best epoch's weights
 * restored at the end.
 *
 * <p>Training is single-threaded. Its randomness is {@code new Random(config.seed())} for the per-epoch
 * shuffle of the training rows and, for corruption and VAE sampling, a second generator seeded from
 * the same seed, so the same model, data and config always give bit-identical weights. Validation rows
 * are never shuffled, corrupted or trained on; the validation loss is the reconstruction MSE of clean
 * rows through the inference path (mean code for a VAE).
 */
public final class AutoencoderTrainer {

    /**
     * Trains {@code model} in place and returns the loss curves.
     *
     * @param model the model to train; on return it holds the weights of the best validation epoch
     * @param train training rows, each of {@code model.config().inputSize()} finite features
     * @param validation held-out rows of the same width, for the validation loss and early stopping
     * @param config hyper-parameters and seed
     * @param listener told about every epoch; {@link EpochListener#NONE} to ignore them
     */
    public TrainingResult fit(DenseAutoencoder model, float[][] train, float[][] validation, TrainingConfig config,
            EpochListener listener) {
        if (model == null) {
            throw new LatentwatchException("fit needs a model, got null");
        }
        return fit(new DenseTrainee(model), train, validation, config, LrSchedule.NONE, listener);
    }

    /**
     * Trains {@code model} of any architecture in place and returns the loss curves.
     *
     * @param model the model to train; on return it holds the weights of the best validation epoch
     * @param train clean training rows, each of {@code model.spec().inputSize()} finite features
     * @param validation held-out clean rows of the same width
     * @param config hyper-parameters and seed
     * @param schedule learning-rate schedule; {@link LrSchedule#NONE} for a constant rate
     * @param listener told about every epoch; {@link EpochListener#NONE} to ignore them
     */
    public TrainingResult fit(Autoencoder model, float[][] train, float[][] validation, TrainingConfig config,
            LrSchedule schedule, EpochListener listener) {
        if (model == null || config == null) {
            throw new LatentwatchException("fit needs a model and a config, got model=" + model + ", config=" + config);
        }
        Random noise = new Random(config.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        return fit(new Trainee() {
            private int epoch;

            @Override
            public int inputSize() {
                return model.spec().inputSize();
            }

            @Override
            public List<Parameter> parameters() {
                return model.parameters();
            }

            @Override
            public void beginEpoch(int e) {
                epoch = e;
            }

            @Override
            public double trainStep(float[][] batch) {
                return model.trainStep(batch, noise, model.spec().klWeight(epoch));
            }

            @Override
            public double validationLoss(float[][] batch) {
                return model.reconstructionLoss(batch);
            }

            @Override
            public float[][] snapshot() {
                return model.snapshot();
            }

            @Override
            public void restore(float[][] snapshot) {
                model.restore(snapshot);
            }
        }, train, validation, config, schedule, listener);
    }

    private TrainingResult fit(Trainee model, float[][] train, float[][] validation, TrainingConfig config,
            LrSchedule schedule, EpochListener listener) {
        if (config == null || listener == null || schedule == null) {
            throw new LatentwatchException("fit needs a config, a schedule (LrSchedule.NONE for none) and a listener"
                    + " (EpochListener.NONE to ignore epochs), got config=" + config + ", schedule=" + schedule
                    + ", listener=" + listener);
        }
        checkRows("train", train, model.inputSize());
        checkRows("validation", validation, model.inputSize());

        Random rng = new Random(config.seed());
        Adam adam = new Adam(config.adam());
        List<Parameter> parameters = model.parameters();
        int[] order = new int[train.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Separate buffers for validation, so two different remainder sizes do not evict each other.
        Batches batches = new Batches(config.batchSize(), model.inputSize());
        Batches validationBatches = new Batches(config.batchSize(), model.inputSize());

        List<Double> trainLosses = new ArrayList<>();
        List<Double> validationLosses = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        float[][] bestWeights = model.snapshot();
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, rng);
            model.beginEpoch(epoch);
            double rate = schedule.factor(epoch, config.epochs());
            double trainLoss = trainEpoch(model, train, order, batches, adam, parameters, rate);
            if (!Double.isFinite(trainLoss)) {
                throw new LatentwatchException("training diverged in epoch " + epoch + " (loss " + trainLoss
                        + "); lower learningRate (was " + config.learningRate() + ") or set clipNorm (was "
                        + config.clipNorm() + ")");
            }
            double validationLoss = validationLoss(model, validation, validationBatches);
            trainLosses.add(trainLoss);
            validationLosses.add(validationLoss);
            boolean best = validationLoss < bestLoss;
            if (best) {
                bestLoss = validationLoss;
                bestEpoch = epoch;
                bestWeights = model.snapshot();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            listener.onEpoch(epoch, config.epochs(), trainLoss, validationLoss, best);
            if (config.patience() > 0 && sinceBest >= config.patience() && epoch < config.epochs()) {
                stoppedEarly = true;
                break;
            }
        }
        if (bestEpoch == 0) {
            throw new LatentwatchException("validation loss was never finite (last " + validationLosses
                    .get(validationLosses.size() - 1) + "); check the validation rows and the learning rate");
        }
        model.restore(bestWeights);
        return new TrainingResult(trainLosses, validationLosses, bestEpoch, stoppedEarly);
    }

    private static double trainEpoch(Trainee model, float[][] train, int[] order, Batches batches,
            Adam adam, List<Parameter> parameters, double rate) {
        double sum = 0;
        for (int start = 0; start < order.length; start += batches.size) {
            int n = Math.min(batches.size, order.length - start);
            float[][] batch = batches.rows(n);
            for (int r = 0; r < n; r++) {
                batch[r] = train[order[start + r]];
            }
            sum += model.trainStep(batch) * n;
            adam.step(parameters, rate);
        }
        return sum / order.length;
    }

    private static double validationLoss(Trainee model, float[][] validation, Batches batches) {
        double sum = 0;
        for (int start = 0; start < validation.length; start += batches.size) {
            int n = Math.min(batches.size, validation.length - start);
            float[][] batch = batches.rows(n);
            System.arraycopy(validation, start, batch, 0, n);
            sum += model.validationLoss(batch) * n;
        }
        return sum / validation.length;
    }

    /** Fisher-Yates with {@link Random#nextInt(int)}, whose output the JDK specifies exactly. */
    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void checkRows(String name, float[][] rows, int width) {
        if (rows == null || rows.length == 0) {
            throw new LatentwatchException(name + " needs at least 1 row, got " + (rows == null ? "null" : "0"));
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new LatentwatchException(name + " row " + r + " has "
                        + (rows[r] == null ? "no" : rows[r].length) + " features, expected inputSize " + width);
            }
            for (int f = 0; f < width; f++) {
                if (!Float.isFinite(rows[r][f])) {
                    throw new LatentwatchException(name + " row " + r + " feature " + f + " is " + rows[r][f]
                            + ", expected a finite value (impute before training)");
                }
            }
        }
    }

    /** Row views for the full batch size and one remainder, reused every epoch. */
    private static final class Batches {
        final int size;
        private float[][] fullRows;
        private float[][] tailRows;

        Batches(int size, int width) {
            this.size = size;
        }

        float[][] rows(int n) {
            if (n == size) {
                return fullRows == null ? fullRows = new float[n][] : fullRows;
            }
            if (tailRows == null || tailRows.length != n) {
                tailRows = new float[n][];
            }
            return tailRows;
        }
    }
}
