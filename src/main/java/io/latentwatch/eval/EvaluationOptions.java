package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.train.TrainOptions;

/**
 * How a benchmark is evaluated: what each file's model is trained with, how the detector runs, and
 * the protocol's training length.
 *
 * @param training the per-file model's options; its name is replaced by one derived from the file, and
 *     {@code trainRows} is ignored (the protocol decides which rows train)
 * @param detector the detection settings (thresholds, incidents, gaps); topics and batching are the run's own
 * @param trainRows SKAB and CSV: the leading rows of each file the model trains on and that are not scored
 *     (SKAB's protocol: 400); NAB always trains on its probationary rows
 * @param csv CSV only: the columns; its label column is read in the scoring step only
 * @param rcf the Random Cut Forest baseline in place of the autoencoder, or null
 * @param rowScore how each row's {@code anomaly_score} is derived from the detector's scores
 * @param retrainEvery continual retraining: every this many rows after the training rows, a new model is
 *     trained on the latest training-length rows already scored and swapped in; 0 = never
 */
public record EvaluationOptions(TrainOptions training, DetectorConfig detector, int trainRows, CsvOptions csv,
                                RcfBaseline rcf, RowScore rowScore, int retrainEvery) {
    /** SKAB's published protocol trains on each run's first 400 rows. */
    public static final int SKAB_TRAIN_ROWS = 400;

    /** Options for the autoencoder detector. */
    public EvaluationOptions(TrainOptions training, DetectorConfig detector, int trainRows, CsvOptions csv) {
        this(training, detector, trainRows, csv, null, RowScore.LEVEL, 0);
    }

    /** The same evaluation with the Random Cut Forest baseline in place of the autoencoder. */
    public EvaluationOptions withRcf(RcfBaseline baseline) {
        return new EvaluationOptions(training, detector, trainRows, csv, baseline, rowScore, retrainEvery);
    }

    /** The same evaluation with another mapping from detector scores to {@code anomaly_score}. */
    public EvaluationOptions withRowScore(RowScore mapping) {
        return new EvaluationOptions(training, detector, trainRows, csv, rcf, mapping, retrainEvery);
    }

    /** The same evaluation with continual retraining every {@code rows} rows (0 = off). */
    public EvaluationOptions withRetrainEvery(int rows) {
        return new EvaluationOptions(training, detector, trainRows, csv, rcf, rowScore, rows);
    }

    public EvaluationOptions {
        if (training == null || detector == null) {
            throw new LatentwatchException("training and detector options are required");
        }
        if (trainRows < 1) {
            throw new LatentwatchException("train rows must be >= 1, got " + trainRows);
        }
        csv = csv == null ? CsvOptions.defaults() : csv;
        rowScore = rowScore == null ? RowScore.LEVEL : rowScore;
        if (retrainEvery < 0) {
            throw new LatentwatchException("retrain every must be >= 0 rows (0 = never), got " + retrainEvery);
        }
    }
}
