package io.latentwatch.model;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a running detector scores with, replaced without a restart when a new version appears
 * in its model directory. {@link #pollOnce()} looks at the directory; a {@link ModelWatcher} calls
 * it on a schedule.
 *
 * <p>A new version (the card's {@code onnx.sha256} differs from the running model's) is loaded with
 * {@link ModelFiles#load} (hash checked), opened in ONNX Runtime (input size checked) and checked
 * for compatibility with the running model ({@link #incompatibility}); only then is it swapped in,
 * atomically. A refused model is logged once as a WARN naming the file and the reason, and the
 * running model stays. A replaced model is closed when the last {@link ModelSource.Lease} on it is
 * closed, so a batch being scored is never cut short.
 *
 * <p>Owns the models it loads: closing the registry releases the current one.
 */
public final class ModelRegistry implements ModelSource, AutoCloseable {
    private volatile java.util.function.BiConsumer<String, String> swapListener = (name, version) -> { };
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    /** What one look at the directory did. */
    public enum Poll { UNCHANGED, SWAPPED, REFUSED }

    private final Path dir;
    private final AtomicReference<Pinned> current;
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    /** The directory's fingerprint when last loaded or refused, so one bad version is tried (and logged) once. */
    private String lastSeen;
    private boolean closed;

    private ModelRegistry(Path dir, DetectorModel initial, String fingerprint) {
        this.dir = dir;
        this.current = new AtomicReference<>(new Pinned(initial));
        this.lastSeen = fingerprint;
    }

    /**
     * Loads the model in {@code dir} to start with.
     *
     * @throws LatentwatchException if it does not load (a detector does not start without a model)
     */
    public static ModelRegistry open(Path dir) {
        String fingerprint = fingerprintOrNull(dir);
        return new ModelRegistry(dir, DetectorModel.load(dir), fingerprint);
    }

    @Override
    public Lease acquire() {
        while (true) {
            Pinned p = current.get();
            if (p == null) {
                throw new IllegalStateException("model registry for " + dir + " is closed");
            }
            if (p.retain()) {
                return new PinnedLease(p);
            }
            // p was replaced and fully released between get() and retain(); the next get() sees its successor.
        }
    }

    /** The running model's name and version, for logs. */
    public String describe() {
        Pinned p = current.get();
        return p == null ? "(closed)" : p.model.name() + " " + p.model.version();
    }

    public long swaps() {
        return swaps.get();
    }

    public long refusals() {
        return refusals.get();
    }

    /**
     * Looks at the directory once: swaps in a new, valid, compatible version; refuses (one WARN line)
     * anything else that changed; does nothing when the card still names the running model.
     */
    /** Tells {@code listener} the name and version of every model swapped in from now on. */
    public void onSwap(java.util.function.BiConsumer<String, String> listener) {
        this.swapListener = listener;
    }

    public synchronized Poll pollOnce() {
        if (closed) {
            throw new IllegalStateException("model registry for " + dir + " is closed");
        }
        String seen = fingerprintOrNull(dir);
        if (Objects.equals(seen, lastSeen)) {
            return Poll.UNCHANGED;
        }
        lastSeen = seen;
        DetectorModel running = current.get().model;
        DetectorModel candidate;
        try {
            ModelCard card = ModelFiles.readCard(dir.resolve(ModelFiles.CARD));
            if (card.onnx().sha256().equals(running.card().onnx().sha256())) {
                return Poll.UNCHANGED; // the card still describes the running model (for instance the ONNX was written first)
            }
            ModelFiles.LoadedModel loaded = ModelFiles.load(dir);
            String problem = incompatibility(running.card(), loaded.card());
            if (problem != null) {
                throw new LatentwatchException("model " + dir.resolve(ModelFiles.CARD) + " (version "
                        + loaded.card().version() + ") " + problem);
            }
            candidate = DetectorModel.open(loaded);
        } catch (RuntimeException e) {
            refusals.incrementAndGet();
            LOG.warn("refused new model in {}, still scoring with {} {}: {}", dir, running.name(), running.version(),
                    e.getMessage());
            return Poll.REFUSED;
        }
        Pinned old = current.getAndSet(new Pinned(candidate));
        swaps.incrementAndGet();
        LOG.info("model {} {} replaced by {} {} from {}; the old one closes when its last batch is done",
                running.name(), running.version(), candidate.name(), candidate.version(), dir);
        old.release();
        swapListener.accept(candidate.name(), candidate.version());
        return Poll.SWAPPED;
    }

    /**
     * Why {@code candidate} cannot replace {@code running} without a restart, or null if it can: the
     * per-entity window state (reorder buffer, event-time buckets, last window) is kept in the
     * running model's shape, so input channels, window, hop, time windows and seasonal lag must be the same, and
     * the outputs the topology uses must still be there. Normalisation, weights, architecture and
     * threshold may differ.
     */
    public static String incompatibility(ModelCard running, ModelCard candidate) {
        if (!candidate.inputChannels().equals(running.inputChannels())) {
            return "has input channels " + candidate.inputChannels() + " but the running model has "
                    + running.inputChannels() + "; per-entity window state would not fit, restart to change features";
        }
        ModelCard.Features c = candidate.features();
        ModelCard.Features r = running.features();
        if (!c.channels().equals(r.channels()) || c.window() != r.window() || c.hop() != r.hop()
                || !Objects.equals(c.timeWindow(), r.timeWindow())) {
            return "has features " + c.channels() + " window " + c.window() + " hop " + c.hop() + " time window "
                    + c.timeWindow() + " but the running model has " + r.channels() + " window " + r.window()
                    + " hop " + r.hop() + " time window " + r.timeWindow()
                    + "; per-entity window state would not fit, restart to change features";
        }
        int lag = candidate.featureSpec().seasonalLag();
        int runningLag = running.featureSpec().seasonalLag();
        if (lag != runningLag) {
            return "has seasonal lag " + lag + " but the running model has " + runningLag
                    + "; per-entity window state would not fit, restart to change features";
        }
        if (!candidate.onnx().outputs().containsAll(running.onnx().outputs())) {
            return "has outputs " + candidate.onnx().outputs() + " but the running model has "
                    + running.onnx().outputs();
        }
        return null;
    }

    /** Releases the current model; it closes once no lease holds it. Later acquire() and pollOnce() throw. */
    @Override
    public synchronized void close() {
        closed = true;
        Pinned p = current.getAndSet(null);
        if (p != null) {
            p.release();
        }
    }

    /** Names, sizes and modification times of the directory's files, or null if it cannot be listed. */
    private static String fingerprintOrNull(Path dir) {
        TreeMap<String, String> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path f : entries) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                files.put(f.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis()
                        + "#" + a.fileKey());
            }
        } catch (IOException e) {
            return null;
        }
        try {
            // Size and time alone miss a rewrite within the file system's time resolution; the card is small.
            files.put(ModelFiles.CARD, ModelFiles.sha256(Files.readAllBytes(dir.resolve(ModelFiles.CARD))));
        } catch (IOException e) {
            files.remove(ModelFiles.CARD);
        }
        return files.toString();
    }

    /** A model and the number of holders: the registry while it is current, plus one per open lease. */
    private static final class Pinned {
        final DetectorModel model;
        private final AtomicInteger refs = new AtomicInteger(1);

        Pinned(DetectorModel model) {
            this.model = model;
        }

        boolean retain() {
            while (true) {
                int n = refs.get();
                if (n == 0) {
                    return false;
                }
                if (refs.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                model.close();
            }
        }
    }

    private static final class PinnedLease implements Lease {
        private final Pinned pinned;
        private final AtomicBoolean released = new AtomicBoolean();

        PinnedLease(Pinned pinned) {
            this.pinned = pinned;
        }

        @Override
        public DetectorModel model() {
            if (released.get()) {
                throw new IllegalStateException("lease on model " + pinned.model.name() + " is closed");
            }
            return pinned.model;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                pinned.release();
            }
        }
    }
}
