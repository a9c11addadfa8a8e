package io.latentwatch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads and writes a model directory: {@code model.json} (the card) beside {@code model.onnx}. */
public final class ModelFiles {
    public static final String CARD = "model.json";
    public static final String ONNX = "model.onnx";
    /** The VAE's decoder-only model, written beside {@link #ONNX} when there is one. */
    public static final String DECODER = "decoder.onnx";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFiles() {
    }

    /** A model directory's card and the verified bytes of its ONNX file. */
    public record LoadedModel(Path dir, ModelCard card, byte[] onnx) {
    }

    /**
     * Loads {@code dir}, checking that the ONNX file's SHA-256 equals the card's.
     *
     * @throws LatentwatchException naming the path for a missing, unreadable, malformed or tampered model
     */
    public static LoadedModel load(Path dir) {
        ModelCard card = readCard(dir.resolve(CARD));
        Path onnxPath = dir.resolve(card.onnx().file() == null ? ONNX : card.onnx().file());
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(onnxPath);
        } catch (NoSuchFileException e) {
            throw new LatentwatchException("model file " + onnxPath + " does not exist");
        } catch (IOException e) {
            throw new LatentwatchException("cannot read model file " + onnxPath + ": " + e.getMessage(), e);
        }
        String actual = sha256(onnx);
        if (!actual.equals(card.onnx().sha256())) {
            throw new LatentwatchException("model " + onnxPath + " has SHA-256 " + actual + " but its card "
                    + dir.resolve(CARD) + " expects " + card.onnx().sha256() + "; refusing a changed or corrupt model");
        }
        return new LoadedModel(dir, card, onnx);
    }

    public static ModelCard readCard(Path file) {
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), ModelCard.class);
        } catch (NoSuchFileException e) {
            throw new LatentwatchException("model card " + file + " does not exist");
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof LatentwatchException le ? le : e;
            throw new LatentwatchException("model card " + file + " is not valid: " + cause.getMessage()
                    .lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new LatentwatchException("cannot read model card " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the ONNX bytes and the card into {@code dir} (created if needed). */
    public static void write(Path dir, ModelCard card, byte[] onnx) {
        write(dir, card, onnx, null);
    }

    /**
     * Writes the ONNX bytes, the decoder model when {@code decoderOnnx} is not null (its name from the
     * card, else {@value #DECODER}), and the card into {@code dir} (created if needed).
     */
    public static void write(Path dir, ModelCard card, byte[] onnx, byte[] decoderOnnx) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(ONNX), onnx);
            if (decoderOnnx != null) {
                String name = card.onnx().decoderFile() == null ? DECODER : card.onnx().decoderFile();
                Files.write(dir.resolve(name), decoderOnnx);
            }
            Files.writeString(dir.resolve(CARD), toJson(card) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LatentwatchException("cannot write model to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(ModelCard card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new LatentwatchException("cannot serialise model card: " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
