package io.latentwatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.train.ModelTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void write() {
        model = dir.resolve("m");
        ModelTrainer.Trained t = TestModels.trained();
        ModelFiles.write(model, t.card(), t.onnx());
    }

    @Test
    void roundTripsTheCard() {
        ModelFiles.LoadedModel loaded = ModelFiles.load(model);
        assertEquals(ModelFiles.toJson(TestModels.trained().card()), ModelFiles.toJson(loaded.card()));
        try (DetectorModel m = DetectorModel.load(model)) {
            assertEquals(TestModels.trained().card().version(), m.version());
        }
    }

    @Test
    void tamperedOnnxIsRefused() throws IOException {
        byte[] onnx = Files.readAllBytes(model.resolve(ModelFiles.ONNX));
        onnx[onnx.length / 2] ^= 1;
        Files.write(model.resolve(ModelFiles.ONNX), onnx);
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> ModelFiles.load(model));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void truncatedOnnxWithAMatchingHashIsRefusedByTheRuntime() throws IOException {
        byte[] onnx = Files.readAllBytes(model.resolve(ModelFiles.ONNX));
        byte[] cut = Arrays.copyOf(onnx, onnx.length / 3);
        ModelCard card = TestModels.trained().card();
        ModelCard forged = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), card.features(), card.architecture(), card.training(), card.threshold(),
                card.validationScores(), new ModelCard.Onnx(ModelFiles.ONNX, ModelFiles.sha256(cut), 13, "input",
                        card.onnx().outputs()), card.calibration());
        ModelFiles.write(model, forged, cut);
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> DetectorModel.load(model));
        assertTrue(e.getMessage().contains("cannot load model"), e.getMessage());
    }

    @Test
    void aGraphOfAnotherInputSizeThanTheCardIsRefusedAtStartNamingTheFile() {
        ModelTrainer.Trained other = TestModels.withOtherInputSize();
        ModelFiles.write(model, other.card(), other.onnx());
        ModelFiles.load(model); // the hash matches: only the input size is wrong
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> DetectorModel.load(model));
        int size = TestModels.WINDOW * TestModels.CHANNELS.size();
        assertTrue(e.getMessage().contains(model.resolve(ModelFiles.ONNX).toString())
                && e.getMessage().contains("[N, " + size + "]")
                && e.getMessage().contains("[-1, " + size / 2 + "]"), e.getMessage());
    }

    @Test
    void aCardListingAnOutputTheGraphLacksIsRefusedAtStart() throws IOException {
        ModelCard card = TestModels.trained().card();
        ModelCard.Onnx o = card.onnx();
        java.util.List<String> outputs = new java.util.ArrayList<>(o.outputs());
        outputs.add("attention");
        ModelCard lying = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), card.features(), card.architecture(), card.training(), card.threshold(),
                card.validationScores(), new ModelCard.Onnx(o.file(), o.sha256(), o.opset(), o.input(), outputs),
                card.calibration());
        ModelFiles.write(model, lying, TestModels.trained().onnx());
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> DetectorModel.load(model));
        assertTrue(e.getMessage().contains(model.resolve(ModelFiles.ONNX).toString())
                && e.getMessage().contains("attention") && e.getMessage().contains("its ONNX graph has"),
                e.getMessage());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Files.delete(model.resolve(ModelFiles.ONNX));
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> ModelFiles.load(model));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> ModelFiles.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void malformedCardsAreRefusedWithTheFile() throws IOException {
        String json = Files.readString(model.resolve(ModelFiles.CARD));
        String[] bad = {
            "", "{", "garbage", json.substring(0, json.length() / 2),
            json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"),
            json.replace("\"window\" : 16", "\"window\" : -3"),
            json.replace("\"window\" : 16", "\"window\" : \"sixteen\""),
            json.replaceFirst("\"name\" : \"test-model\",", ""),
            json.replaceAll("\"value\" : [0-9.eE-]+", "\"value\" : -1"),
            json.replace("\"mean\" : [", "\"mean\" : [ 1e400,"),
        };
        for (String text : bad) {
            Files.writeString(model.resolve(ModelFiles.CARD), text, StandardCharsets.UTF_8);
            LatentwatchException e = assertThrows(LatentwatchException.class, () -> DetectorModel.load(model), text);
            assertTrue(e.getMessage().contains("model.json") || e.getMessage().contains("model card"), e.getMessage());
        }
    }

    /** Cards the fuzz test found loading and then failing later (first window, first alert, hot swap): now refused at load. */
    @Test
    void cardsThatWouldFailLaterAreRefusedAtLoad() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String valid = Files.readString(model.resolve(ModelFiles.CARD));
        java.util.Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> edits =
                new java.util.LinkedHashMap<>();
        edits.put("sorted ascending", card -> card.putArray("calibration").add(0.3).add(0.1));
        edits.put("neither a calibration sample nor validationScores", card -> {
            card.remove("calibration");
            card.remove("validationScores");
        });
        edits.put("non-decreasing", card -> {
            card.remove("calibration");
            ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("validationScores")).put("max", 0.0);
        });
        edits.put("'version'", card -> card.remove("version"));
        edits.put("must not be blank", card -> card.put("version", " "));
        edits.put("outputs", card -> ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("onnx")).remove("outputs"));
        edits.put("outputs [score, null]", card -> ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("onnx"))
                .putArray("outputs").add("score").addNull());
        edits.put("beside the card", card -> ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("onnx"))
                .put("file", "model.onnx\u0000"));
        edits.put("'../m/model.onnx'", card -> ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("onnx"))
                .put("file", "../m/model.onnx"));
        for (var edit : edits.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode card =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(valid);
            edit.getValue().accept(card);
            Files.delete(model.resolve(ModelFiles.CARD));
            Files.writeString(model.resolve(ModelFiles.CARD), json.writeValueAsString(card));
            LatentwatchException e = assertThrows(LatentwatchException.class, () -> DetectorModel.load(model),
                    edit.getKey());
            assertTrue(e.getMessage().contains(model.resolve(ModelFiles.CARD).toString())
                    && e.getMessage().contains(edit.getKey()), e.getMessage());
        }
    }
}
