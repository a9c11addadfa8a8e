package io.latentwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.train.ModelTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry picks up new model versions from its directory, refuses bad ones and retires old ones safely. */
class ModelRegistryTest {
    @TempDir
    Path tmp;

    private Path dir;
    private ModelRegistry registry;
    private final ModelTrainer.Trained a = TestModels.trained();
    private final ModelTrainer.Trained b = TestModels.retrained();

    @BeforeEach
    void start() {
        dir = tmp.resolve("live");
        ModelFiles.write(dir, a.card(), a.onnx());
        registry = ModelRegistry.open(dir);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private String runningVersion() {
        try (ModelSource.Lease lease = registry.acquire()) {
            return lease.model().version();
        }
    }

    /** Writes {@code bytes} to {@code file} the way a rollout should: a temporary file, then a rename. */
    private void replace(Path file, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(tmp, "part", ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aNewVersionIsPickedUpOnceItsCardIsInPlace() throws IOException {
        assertNotEquals(a.card().version(), b.card().version());
        assertEquals(ModelRegistry.Poll.UNCHANGED, registry.pollOnce());
        replace(dir.resolve(ModelFiles.ONNX), b.onnx());
        // The card still names the running model: nothing to do yet, and nothing to complain about.
        assertEquals(ModelRegistry.Poll.UNCHANGED, registry.pollOnce());
        assertEquals(a.card().version(), runningVersion());
        replace(dir.resolve(ModelFiles.CARD), (ModelFiles.toJson(b.card()) + "\n").getBytes(StandardCharsets.UTF_8));
        int polls = 0;
        ModelRegistry.Poll poll;
        do {
            poll = registry.pollOnce();
            polls++;
        } while (poll != ModelRegistry.Poll.SWAPPED && polls < 3);
        assertEquals(ModelRegistry.Poll.SWAPPED, poll);
        assertEquals(b.card().version(), runningVersion());
        assertEquals(ModelRegistry.Poll.UNCHANGED, registry.pollOnce());
        assertEquals(1, registry.swaps());
        assertEquals(0, registry.refusals());

        ModelFiles.write(dir, a.card(), a.onnx()); // roll back
        assertEquals(ModelRegistry.Poll.SWAPPED, registry.pollOnce());
        assertEquals(a.card().version(), runningVersion());
    }

    @Test
    void badVersionsAreRefusedOnceEachAndTheRunningModelStays() throws IOException {
        byte[] cut = Arrays.copyOf(b.onnx(), b.onnx().length / 3);
        ModelCard card = b.card();
        ModelCard forged = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), card.features(), card.architecture(), card.training(), card.threshold(),
                card.validationScores(), new ModelCard.Onnx(ModelFiles.ONNX, ModelFiles.sha256(cut), 13, "input",
                        card.onnx().outputs()), card.calibration());
        ModelFiles.write(dir, forged, cut);
        assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce());
        assertEquals(ModelRegistry.Poll.UNCHANGED, registry.pollOnce(), "a refused version is not retried unchanged");

        byte[] tampered = b.onnx().clone();
        tampered[tampered.length / 2] ^= 1;
        ModelFiles.write(dir, b.card(), tampered);
        assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce());

        Files.writeString(dir.resolve(ModelFiles.CARD), "{", StandardCharsets.UTF_8);
        assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce());
        assertEquals(3, registry.refusals());
        try (ModelSource.Lease lease = registry.acquire()) {
            assertEquals(a.card().version(), lease.model().version());
            assertEquals(1, lease.model().score(new float[][] {new float[lease.model().spec().featureSize()]})
                    .score().length);
        }

        ModelFiles.write(dir, b.card(), b.onnx());
        assertEquals(ModelRegistry.Poll.SWAPPED, registry.pollOnce());
        assertEquals(b.card().version(), runningVersion());
    }

    @Test
    void aGraphOfAnotherInputSizeIsRefusedAtHotSwapAndTheRunningModelStays() {
        ModelTrainer.Trained other = TestModels.withOtherInputSize();
        ModelFiles.write(dir, other.card(), other.onnx());
        assertNull(ModelRegistry.incompatibility(a.card(), other.card()), "the card alone looks compatible");
        assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce());
        assertEquals(1, registry.refusals());
        assertEquals(0, registry.swaps());
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> DetectorModel.open(ModelFiles.load(dir)));
        assertTrue(e.getMessage().contains(dir.resolve(ModelFiles.ONNX).toString())
                && e.getMessage().contains("takes input of shape"), e.getMessage());
        try (ModelSource.Lease lease = registry.acquire()) {
            assertEquals(a.card().version(), lease.model().version());
            assertEquals(1, lease.model().score(new float[][] {new float[lease.model().spec().featureSize()]})
                    .score().length);
        }
    }

    @Test
    void aModelWithOtherFeaturesIsIncompatible() {
        ModelCard card = a.card();
        ModelCard.Features f = card.features();
        ModelCard otherHop = withFeatures(card, new ModelCard.Features(f.channels(), f.window(), f.window(), f.mean(),
                f.std(), f.gapPolicy()));
        assertNull(ModelRegistry.incompatibility(card, b.card()));
        String problem = ModelRegistry.incompatibility(card, otherHop);
        assertNotNull(problem);
        assertTrue(problem.contains("hop") && problem.contains("window state"), problem);
    }

    @Test
    void aModelWithAnotherSeasonalLagIsIncompatibleAndABadOneIsRefusedAtLoad() {
        ModelCard card = a.card();
        ModelCard.Features f = card.features();
        double[] zeros = new double[f.channels().size()];
        double[] ones = zeros.clone();
        java.util.Arrays.fill(ones, 1);
        ModelCard seasonal = withFeatures(card, new ModelCard.Features(f.channels(), f.window(), f.hop(), f.mean(),
                f.std(), f.gapPolicy(), null, null, new io.latentwatch.features.SeasonalDifference(24, zeros, ones)));
        String problem = ModelRegistry.incompatibility(card, seasonal);
        assertNotNull(problem);
        assertTrue(problem.contains("seasonal lag 24") && problem.contains("window state"), problem);
        assertNull(ModelRegistry.incompatibility(seasonal, seasonal));
        double[] negative = ones.clone();
        negative[0] = -1;
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> withFeatures(card,
                new ModelCard.Features(f.channels(), f.window(), f.hop(), f.mean(), f.std(), f.gapPolicy(), null, null,
                        new io.latentwatch.features.SeasonalDifference(24, zeros, new double[] {1}))));
        assertTrue(e.getMessage().contains("seasonal"), e.getMessage());
        assertThrows(LatentwatchException.class, () -> new io.latentwatch.features.SeasonalDifference(24, zeros,
                negative));
    }

    static ModelCard withFeatures(ModelCard card, ModelCard.Features features) {
        return new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(), card.data(),
                features, card.architecture(), card.training(), card.threshold(), card.validationScores(), card.onnx(),
                card.calibration());
    }

    @Test
    void aReplacedModelClosesWhenItsLastLeaseIsClosed() {
        ModelSource.Lease held = registry.acquire();
        DetectorModel old = held.model();
        float[][] window = {new float[old.spec().featureSize()]};
        ModelFiles.write(dir, b.card(), b.onnx());
        assertEquals(ModelRegistry.Poll.SWAPPED, registry.pollOnce());
        assertEquals(1, old.score(window).score().length, "a model in use stays open after the swap");
        held.close();
        held.close(); // closing a lease twice releases it once
        assertThrows(IllegalStateException.class, () -> old.score(window));
        assertEquals(b.card().version(), runningVersion());
        registry.close();
        assertThrows(IllegalStateException.class, registry::acquire);
    }

    @Test
    void theWatcherPollsByItself() throws InterruptedException {
        try (ModelWatcher watcher = ModelWatcher.start(registry, Duration.ofMillis(20))) {
            ModelFiles.write(dir, b.card(), b.onnx());
            for (int i = 0; i < 3000 && registry.swaps() == 0; i++) {
                Thread.sleep(10);
            }
        }
        assertEquals(1, registry.swaps());
        assertEquals(b.card().version(), runningVersion());
    }
}
