package io.latentwatch.serde;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro single-object encoding (C3 01, the writer schema's CRC-64-AVRO fingerprint, the body) for one
 * generated record type. Decoding accepts every schema version kept under {@code schemas/history/}
 * on the classpath, so records written by older producers stay readable; no registry is needed.
 *
 * <p>Thread-safe: Avro's message encoder and decoder may be shared.
 */
public final class SingleObjectCodec<T extends SpecificRecordBase> {
    private static final String HISTORY = "schemas/history/";
    private static final int MAX_VERSIONS = 64;

    static {
        AvroTrust.trustGeneratedPackage();
    }

    private final String typeName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Schema> versions;

    /**
     * @param currentSchema the generated class's schema ({@code T.getClassSchema()})
     */
    public SingleObjectCodec(Schema currentSchema) {
        this.typeName = currentSchema.getName();
        SpecificData model = SpecificData.getForSchema(currentSchema);
        this.encoder = new BinaryMessageEncoder<>(model, currentSchema);
        this.decoder = new BinaryMessageDecoder<>(model, currentSchema);
        this.versions = historicalVersions(typeName);
        for (Schema old : versions) {
            decoder.addSchema(old);
        }
    }

    /** The historical writer schemas this codec reads besides the current one, oldest first. */
    public List<Schema> knownVersions() {
        return List.copyOf(versions);
    }

    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new LatentwatchException("cannot encode " + typeName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws RecordDecodingException with the reason, for anything that is not a valid record
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RecordDecodingException(RecordDecodingException.Reason.EMPTY,
                    "empty " + typeName + " record (no value bytes)", null);
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
                    typeName + " written with an unknown schema: " + e.getMessage(), e);
        } catch (BadHeaderException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER,
                    "not an Avro single-object " + typeName + " (expected marker C3 01): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Avro signals corrupt bodies with EOFException, AvroRuntimeException, and on garbage
            // lengths with arithmetic or allocation errors: all of them mean "this body is not valid".
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_BODY,
                    "corrupt " + typeName + " body (" + bytes.length + " bytes): " + e, e);
        } catch (OutOfMemoryError e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_BODY,
                    "corrupt " + typeName + " body declares an impossible length", e);
        }
    }

    private static List<Schema> historicalVersions(String typeName) {
        List<Schema> found = new ArrayList<>();
        ClassLoader loader = SingleObjectCodec.class.getClassLoader();
        for (int v = 1; v <= MAX_VERSIONS; v++) {
            String resource = HISTORY + typeName + ".v" + v + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    break;
                }
                found.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new LatentwatchException("cannot read schema version " + resource + ": " + e.getMessage(), e);
            }
        }
        return found;
    }
}
