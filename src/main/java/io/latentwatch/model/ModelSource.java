package io.latentwatch.model;

/**
 * Where the detector gets the model that scores a batch: a fixed model, or a {@link ModelRegistry}
 * whose model may be replaced while the detector runs.
 *
 * <p>Lifecycle contract: {@link #acquire()} pins the current model until the returned lease is
 * closed; a model replaced meanwhile is closed only after its last lease is. Hold a lease for one
 * batch or one record, never longer, and always in try-with-resources.
 */
public interface ModelSource {

    /** Pins the current model for the caller's use until the lease is closed. */
    Lease acquire();

    /** A model pinned for use; closing the lease (once) releases it. */
    interface Lease extends AutoCloseable {
        DetectorModel model();

        @Override
        void close();
    }

    /** A source that always gives {@code model}; the caller keeps owning and closing it. */
    static ModelSource fixed(DetectorModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        Lease lease = new Lease() {
            @Override
            public DetectorModel model() {
                return model;
            }

            @Override
            public void close() {
                // The model belongs to the caller of fixed(); nothing to release.
            }
        };
        return () -> lease;
    }
}
