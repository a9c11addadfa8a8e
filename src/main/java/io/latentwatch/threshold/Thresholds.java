package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;

/**
 * Makes adaptive thresholds: new ones from a model's calibration, and resumed ones from saved state.
 *
 * <p>A new entity's threshold starts from the model's validation scores (or a {@link Calibration} of
 * them) and the model card's static threshold, so it alerts sensibly from its first window; from then
 * on it learns from that entity's own normal scores.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * A new threshold calibrated on a model's compact calibration sample.
     *
     * @param staticThreshold the model card's threshold; the floor is {@code floorFactor} times it
     */
    public static AdaptiveThreshold create(ThresholdConfig config, Calibration calibration, double staticThreshold) {
        if (calibration == null) {
            throw new LatentwatchException("calibration is missing");
        }
        return calibrated(config, calibration.sortedView(), staticThreshold);
    }

    /**
     * A new threshold calibrated on normal scores, in any order; all of them are used (SPOT keeps at
     * most {@code maxPeaks} of their peaks, QUANTILE at most {@code window} of them, evenly spread).
     *
     * @throws LatentwatchException if there are no scores, one is not finite, or the static threshold is
     *     negative or not finite
     */
    public static AdaptiveThreshold create(ThresholdConfig config, double[] calibrationScores,
                                           double staticThreshold) {
        return calibrated(config, Samples.sortedFinite(calibrationScores, "calibration"), staticThreshold);
    }

    /**
     * Resumes a saved threshold. If the configuration now keeps fewer peaks or recent scores than the
     * state holds, the oldest are dropped.
     *
     * @throws LatentwatchException if the state is of another kind than the configuration's
     */
    public static AdaptiveThreshold restore(ThresholdConfig config, ThresholdState state) {
        if (state.kind() != config.kind()) {
            throw new LatentwatchException("saved threshold state is " + state.kind()
                    + " but the configuration asks for " + config.kind() + "; create the threshold anew from the calibration");
        }
        if (state instanceof SpotState s) {
            return new SpotThreshold(s.floor(), Tail.restore(s.tail(), config));
        } else if (state instanceof DspotState s) {
            return new DspotThreshold(s.floor(), Tail.restore(s.tail(), config), s.recent(), config.depth());
        } else if (state instanceof EwmaState s) {
            return new EwmaThreshold(s, config);
        }
        return new QuantileThreshold((QuantileState) state, config);
    }

    /**
     * Resumes a threshold from the bytes {@link ThresholdStateCodec#toBytes} wrote.
     *
     * @throws LatentwatchException if the bytes are not a valid state, or of another kind
     */
    public static AdaptiveThreshold restore(ThresholdConfig config, byte[] state) {
        return restore(config, ThresholdStateCodec.fromBytes(state));
    }

    private static AdaptiveThreshold calibrated(ThresholdConfig config, double[] sorted, double staticThreshold) {
        double floor = Floors.of(config, staticThreshold);
        return switch (config.kind()) {
            case SPOT -> new SpotThreshold(floor, Tail.calibrate(sorted, config));
            case DSPOT -> DspotThreshold.calibrate(sorted, floor, config);
            case EWMA -> EwmaThreshold.calibrate(sorted, floor, config);
            case QUANTILE -> QuantileThreshold.calibrate(sorted, floor, config);
        };
    }
}
