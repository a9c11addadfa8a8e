package io.latentwatch.threshold;

/**
 * The persisted form of one entity's threshold: an immutable, versioned record per kind, written and
 * read by {@link ThresholdStateCodec}, and turned back into a live threshold by {@link Thresholds#restore}.
 */
public sealed interface ThresholdState permits SpotState, DspotState, EwmaState, QuantileState {

    /** Which algorithm this state belongs to. */
    ThresholdKind kind();

    /** The lowest threshold this entity may have: floorFactor times the model card's static threshold. */
    double floor();
}
