package io.latentwatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.Corruption;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.nn.Sparsity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every architecture goes through the one ModelTrainer path: card, ONNX, decoder, loadable by the detector. */
class ArchitectureTrainingTest {
    private static final ModelCard.DataSource SOURCE = new ModelCard.DataSource("synthetic", "csv", 0, 1200);

    @TempDir
    Path dir;

    static Stream<ArchitectureOptions> architectures() {
        ArchitectureOptions d = ArchitectureOptions.DENSE;
        ConvShape conv = new ConvShape(new int[] {8, 8}, 3, 2);
        return Stream.of(
                new ArchitectureOptions(ArchitectureKind.CONV, EncoderKind.CONV, Activation.LEAKY_RELU, 0.1f, conv,
                        Corruption.NONE, null, 1, 0, LrSchedule.cosine(0.1)),
                new ArchitectureOptions(ArchitectureKind.DENOISING, EncoderKind.CONV, Activation.RELU, 0.01f, conv,
                        new Corruption(0.1, 0.1), null, 1, 0, LrSchedule.step(2, 0.5)),
                new ArchitectureOptions(ArchitectureKind.SPARSE, EncoderKind.DENSE, Activation.RELU, 0.01f, conv,
                        Corruption.NONE, new Sparsity(Sparsity.Kind.KL, 0.01, 0.1), 1, 0, LrSchedule.NONE),
                new ArchitectureOptions(ArchitectureKind.VAE, EncoderKind.DENSE, Activation.TANH, 0.01f, conv,
                        Corruption.NONE, null, 0.5, 3, LrSchedule.NONE),
                new ArchitectureOptions(ArchitectureKind.VAE, EncoderKind.CONV, d.activation(), 0.01f, conv,
                        Corruption.NONE, null, 0.5, 0, LrSchedule.NONE));
    }

    private static ModelTrainer.Trained train(ArchitectureOptions arch, long seed) {
        TrainOptions o = new TrainOptions("m", 16, 4, new int[] {16}, 4, 5, 32, 0.003, 0, seed, 0, 0.25, 0.99, 1.5,
                arch);
        return ModelTrainer.train(TestModels.normalSeries(1200, 3), SOURCE, o, EpochListener.NONE);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void trainsExportsAndLoadsReproducibly(ArchitectureOptions arch) throws IOException {
        ModelTrainer.Trained a = train(arch, 11);
        ModelTrainer.Trained b = train(arch, 11);
        assertArrayEquals(a.onnx(), b.onnx());
        ModelCard card = a.card();
        assertEquals(arch.kind().word(), card.architecture().type());
        assertEquals(arch.encoder().word(), card.architecture().options().get("encoder"));
        assertEquals(ModelFiles.sha256(a.onnx()), card.onnx().sha256());
        Path model = dir.resolve("m");
        ModelFiles.write(model, card, a.onnx(), a.decoderOnnx());
        if (arch.kind() == ArchitectureKind.VAE) {
            assertArrayEquals(a.decoderOnnx(), b.decoderOnnx());
            assertEquals(ModelFiles.DECODER, card.onnx().decoderFile());
            assertEquals(ModelFiles.sha256(Files.readAllBytes(model.resolve(ModelFiles.DECODER))),
                    card.onnx().decoderSha256());
            assertEquals(arch.beta(), card.architecture().options().get("beta"));
        } else {
            assertNull(a.decoderOnnx());
            assertNull(card.onnx().decoderFile());
        }
        ModelCard reread = ModelFiles.readCard(model.resolve(ModelFiles.CARD));
        assertEquals(ModelFiles.toJson(card), ModelFiles.toJson(reread));
        try (DetectorModel loaded = DetectorModel.load(model)) {
            assertEquals(card.version(), loaded.version());
        }
    }

    @Test
    void denseCardKeepsItsFormerFields() {
        String json = ModelFiles.toJson(TestModels.trained().card());
        assertTrue(json.contains("\"type\" : \"dense\"") && json.contains("\"activation\" : \"relu\""), json);
        assertTrue(!json.contains("\"options\"") && !json.contains("decoderFile"), json);
    }

    @Test
    void badCombinationsAreRefusedWithTheChoices() {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> new ArchitectureOptions(
                ArchitectureKind.VAE, EncoderKind.DENSE, Activation.RELU, 0.01f, null, new Corruption(0.1, 0), null,
                1, 0, LrSchedule.NONE));
        assertTrue(e.getMessage().contains("only for architecture denoising"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> new ArchitectureOptions(ArchitectureKind.DENSE,
                EncoderKind.CONV, Activation.RELU, 0.01f, null, null, null, 1, 0, LrSchedule.NONE));
        assertTrue(e.getMessage().contains("architecture conv"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> ArchitectureKind.parse("gan"));
        assertTrue(e.getMessage().contains("[dense, conv, denoising, sparse, vae]"), e.getMessage());
    }
}
