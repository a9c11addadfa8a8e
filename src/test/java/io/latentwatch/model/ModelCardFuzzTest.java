package io.latentwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.train.ModelTrainer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates a valid {@code model.json} at random (seeded) beside its real {@code model.onnx} and loads
 * the directory as the detector does at start: truncations, byte flips, removed fields, values of the
 * wrong type, NaN, infinities, huge numbers, deep nesting and garbage. Each card either is refused with
 * a {@link LatentwatchException} that names the model directory, or loads into a model whose every
 * later use by the detector works: its features, its starting calibration, its threshold, the name and
 * version every alert carries, the hot-swap compatibility check, a write and re-read of the card.
 */
class ModelCardFuzzTest {
    private static final long SEED = 20_261_129L;
    private static final int CASES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NEST = "__nest__";

    @TempDir
    Path dir;

    @Test
    void everyCardLoadsSoundlyOrIsRefusedWithTheDocumentedError() throws IOException {
        ModelTrainer.Trained trained = TestModels.trained();
        // A short calibration sample and loss curve keep the card small, so mutations land on every field.
        ModelCard running = small(trained.card());
        ModelFiles.write(dir, running, trained.onnx());
        String valid = Files.readString(dir.resolve(ModelFiles.CARD));
        JsonNode tree = JSON.readTree(valid);
        Random random = new Random(SEED);
        int loaded = 0;
        int refusedCard = 0;
        int refusedModel = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] card = mutate(tree, random);
            // Deleted, then written anew: truncating a file in place makes ext4 flush it to disk every time.
            Files.deleteIfExists(dir.resolve(ModelFiles.CARD));
            Files.write(dir.resolve(ModelFiles.CARD), card);
            ModelFiles.LoadedModel files;
            try {
                files = ModelFiles.load(dir);
            } catch (LatentwatchException e) {
                assertNamesTheModel(e, i, card);
                refusedCard++;
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " escaped from ModelFiles.load as " + e + " for card "
                        + show(card), e);
            }
            try {
                checkLaterUses(files.card(), running);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " loaded, then failed in use with " + e + " for card "
                        + show(card), e);
            }
            loaded++;
            boolean otherInputSize = files.card().featureSpec().featureSize() != running.featureSpec().featureSize();
            if (otherInputSize || random.nextInt(100) == 0) {
                // Opening the ONNX session costs milliseconds: cards describing another input size than the
                // graph's, and a sample of the others, go all the way.
                try (DetectorModel model = DetectorModel.load(dir)) {
                    float[] zeros = new float[model.spec().featureSize()];
                    assertEquals(1, model.score(new float[][] {zeros}).size());
                    assertTrue(model.calibration().toArray().length > 0);
                } catch (LatentwatchException e) {
                    assertNamesTheModel(e, i, card);
                    refusedModel++;
                } catch (RuntimeException | Error e) {
                    fail("case " + i + " escaped from DetectorModel.load as " + e + " for card " + show(card), e);
                }
            }
        }
        assertEquals(CASES, loaded + refusedCard);
        assertTrue(loaded > CASES / 10 && refusedCard > CASES / 10,
                "both outcomes exercised: loaded " + loaded + ", refused " + refusedCard);
        assertTrue(refusedModel > 0, "some loaded cards describe another input size than the ONNX graph");
    }

    private static double[] sparse(double[] sorted) {
        double[] sample = new double[12];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = sorted[i * (sorted.length - 1) / (sample.length - 1)];
        }
        return sample;
    }

    /** The card with a short calibration sample and loss curve. */
    private static ModelCard small(ModelCard c) {
        ModelCard.Training t = c.training();
        ModelCard.Training training = new ModelCard.Training(t.seed(), t.epochs(), t.batchSize(), t.learningRate(),
                t.weightDecay(), t.patience(), t.trainWindows(), t.validationWindows(), t.bestEpoch(),
                java.util.Arrays.copyOf(t.trainLoss(), 3), java.util.Arrays.copyOf(t.validationLoss(), 3));
        return new ModelCard(c.formatVersion(), c.name(), c.version(), c.trainerVersion(), c.data(), c.features(),
                c.architecture(), training, c.threshold(), c.validationScores(), c.onnx(), sparse(c.calibration()));
    }

    private void assertNamesTheModel(LatentwatchException e, int i, byte[] card) {
        String message = e.getMessage();
        assertTrue(message != null && message.contains(dir.toString()),
                "case " + i + ": the message names the model directory: " + message + " for card " + show(card));
    }

    /** What the detector does with a card after loading it; any exception here is a crash in waiting. */
    private void checkLaterUses(ModelCard card, ModelCard running) {
        assertFalse(card.name() == null || card.name().isBlank(), "every alert names the model");
        assertFalse(card.version() == null || card.version().isBlank(), "every alert names the model version");
        FeatureSpec spec = card.featureSpec();
        assertEquals(spec.channels().size() * spec.window(), spec.featureSize());
        List<String> input = card.inputChannels();
        assertFalse(input.isEmpty());
        card.timeWindowSpec();
        double threshold = card.threshold().value();
        assertTrue(threshold > 0 && Double.isFinite(threshold));
        assertTrue(card.startingCalibration().toArray().length > 0, "new entities' thresholds start from it");
        // Hot swap compares the running card with a candidate, both ways round.
        ModelRegistry.incompatibility(running, card);
        ModelRegistry.incompatibility(card, running);
        assertNull(ModelRegistry.incompatibility(card, card), "a card is compatible with itself");
        String json = ModelFiles.toJson(card);
        assertEquals(json, rewrite(json), "the card writes and reads back unchanged");
    }

    private String rewrite(String json) {
        try {
            // A new name, not a temporary file truncated in place: ext4 flushes those to disk every time.
            Path file = dir.resolve("rewritten-" + System.nanoTime() + ".json");
            try {
                Files.writeString(file, json);
                return ModelFiles.toJson(ModelFiles.readCard(file));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One or two structural mutations of the tree, then sometimes damage to the text itself. */
    private static byte[] mutate(JsonNode valid, Random random) throws IOException {
        JsonNode tree = valid.deepCopy();
        int nests = 0;
        for (int m = 0; m < 1 + random.nextInt(2); m++) {
            List<Slot> slots = new ArrayList<>();
            collect(tree, slots);
            Slot slot = slots.get(random.nextInt(slots.size()));
            switch (random.nextInt(6)) {
                case 0 -> slot.remove();
                case 1, 2 -> slot.set(scalar(random));
                case 3 -> slot.set(tweak(slot.get(), random));
                case 4 -> {
                    slot.set(NODES.textNode(NEST));
                    nests++;
                }
                default -> slot.set(container(slot.get(), random));
            }
        }
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        for (int n = 0; n < nests; n++) {
            int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 3_000);
            String open = random.nextBoolean() ? "[" : "{\"k\":";
            String close = open.equals("[") ? "]" : "}";
            String inner = random.nextInt(10) == 0 ? "" : close.repeat(depth); // sometimes unbalanced
            text = text.replaceFirst("\"" + NEST + "\"", java.util.regex.Matcher.quoteReplacement(
                    open.repeat(depth) + "1" + inner));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(12)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 1 -> {
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield bytes;
            }
            case 2 -> {
                byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                yield random.nextBoolean() ? garbage : ("{\"formatVersion\":1," + text.substring(1, 1 + random
                        .nextInt(text.length() - 1))).getBytes(StandardCharsets.UTF_8);
            }
            default -> bytes;
        };
    }

    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("x");
            case 2 -> NODES.textNode("");
            case 3 -> NODES.textNode("NaN");
            case 4 -> NODES.textNode(random.nextBoolean() ? "Infinity" : "-Infinity");
            case 5 -> NODES.numberNode(new BigDecimal(random.nextBoolean() ? "1e400" : "-1e400"));
            case 6 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE);
            case 7 -> NODES.numberNode(new BigDecimal("99999999999999999999999"));
            case 8 -> NODES.numberNode(random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE);
            case 9 -> NODES.numberNode(random.nextInt(5) - 2);
            case 10 -> NODES.numberNode(random.nextDouble());
            case 11 -> NODES.booleanNode(random.nextBoolean());
            case 12 -> NODES.arrayNode();
            case 13 -> NODES.objectNode();
            case 14 -> NODES.textNode("../../" + random.nextInt(100));
            default -> NODES.numberNode(-0.0);
        };
    }

    /** The same kind of value, changed: numbers scaled or negated, text altered, arrays shortened or grown. */
    private static JsonNode tweak(JsonNode node, Random random) {
        if (node == null) {
            return scalar(random);
        }
        if (node.isNumber()) {
            double x = node.asDouble();
            return switch (random.nextInt(5)) {
                case 0 -> NODES.numberNode(-x);
                case 1 -> NODES.numberNode(x * (1 + random.nextInt(1000)));
                case 2 -> NODES.numberNode(x / (1 + random.nextInt(1000)));
                case 3 -> NODES.numberNode((long) x + random.nextInt(7) - 3);
                default -> NODES.numberNode(0);
            };
        }
        if (node.isTextual()) {
            String s = node.asText();
            return NODES.textNode(switch (random.nextInt(4)) {
                case 0 -> s.isEmpty() ? " " : s.substring(0, random.nextInt(s.length()));
                case 1 -> s + "\u0000\ud83d\ude00";
                case 2 -> s.toUpperCase(java.util.Locale.ROOT);
                default -> "flow";
            });
        }
        if (node.isArray() && node.size() > 0) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            if (random.nextBoolean()) {
                copy.remove(random.nextInt(copy.size()));
            } else {
                copy.add(copy.get(random.nextInt(copy.size())).deepCopy());
            }
            return copy;
        }
        return scalar(random);
    }

    /** The value wrapped in a container, or replaced by a container of another kind. */
    private static JsonNode container(JsonNode node, Random random) {
        JsonNode inner = node == null ? NODES.nullNode() : node.deepCopy();
        if (random.nextBoolean()) {
            return NODES.arrayNode().add(inner);
        }
        ObjectNode object = NODES.objectNode();
        object.set(random.nextBoolean() ? "value" : "unknownField", inner);
        return object;
    }

    /** Every place in the tree a value sits (object fields and array elements), the root's children first. */
    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                slots.add(new Slot(object, field, -1));
                collect(object.get(field), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** A field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static String show(byte[] card) {
        String text = new String(card, StandardCharsets.UTF_8);
        return text.length() > 3_000 ? text.substring(0, 3_000) + "... (" + text.length() + " chars)" : text;
    }
}
