package io.latentwatch.serde.confluent;

import io.latentwatch.LatentwatchException;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordDecodingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent wire format for one generated record type: magic byte 0, the writer schema's 4-byte
 * big-endian registry id, the Avro binary body. Encoding registers the current schema under the
 * topic-name-strategy subject {@code <topic>-value} (once per topic, cached). Decoding fetches the
 * writer schema by id (cached) and resolves it to the current class schema, so records written by
 * older producers read with the new fields' defaults.
 *
 * <p>Decoding failures caused by the bytes are {@link RecordDecodingException}s with a reason;
 * registry outages (unreachable, 5xx, auth) are plain {@link LatentwatchException}s, since the
 * record may be fine and skipping it would lose data.
 *
 * <p>Thread-safe.
 */
public final class ConfluentCodec<T extends SpecificRecordBase> {
    static {
        // Loading AvroSerdes makes Avro trust our generated package (see AvroTrust).
        AvroSerdes.readings();
    }

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final String typeName;
    private final SpecificData model;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readerById = new ConcurrentHashMap<>();

    /**
     * @param registry the schema registry
     * @param currentSchema the generated class's schema ({@code T.getClassSchema()})
     */
    public ConfluentCodec(SchemaRegistryClient registry, Schema currentSchema) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.readerSchema = Objects.requireNonNull(currentSchema, "currentSchema");
        this.typeName = currentSchema.getName();
        this.model = SpecificData.getForSchema(currentSchema);
        this.writer = new SpecificDatumWriter<>(currentSchema, model);
    }

    /** The topic-name-strategy subject for a topic's values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** The registry id of the current schema under {@code <topic>-value}, registering it on first use. */
    public int schemaId(String topic) {
        Objects.requireNonNull(topic, "topic");
        return idByTopic.computeIfAbsent(topic, t -> registry.register(valueSubject(t), readerSchema));
    }

    public byte[] encode(String topic, T value) {
        int id = schemaId(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(WireFormat.CONFLUENT_MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new LatentwatchException("cannot encode " + typeName + " for topic " + topic + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one record.
     *
     * @throws RecordDecodingException with the reason, for bytes that are not a valid record
     * @throws LatentwatchException when the registry cannot be asked (unreachable, 5xx, auth)
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RecordDecodingException(RecordDecodingException.Reason.EMPTY,
                    "empty " + typeName + " record (no value bytes)", null);
        }
        if (!WireFormat.isConfluent(bytes)) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_HEADER,
                    "not a Confluent-framed " + typeName + " (expected magic byte 0 and a 4-byte schema id, got "
                            + bytes.length + " bytes starting " + String.format("%02X", bytes[0]) + ")", null);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader = readerFor(id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.CONFLUENT_HEADER_LENGTH,
                    bytes.length - WireFormat.CONFLUENT_HEADER_LENGTH, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_BODY,
                    "corrupt " + typeName + " body (" + bytes.length + " bytes, schema id " + id + "): " + e, e);
        } catch (OutOfMemoryError e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT_BODY,
                    "corrupt " + typeName + " body declares an impossible length (schema id " + id + ")", e);
        }
    }

    /** A Kafka serde over this codec (the serializer registers under the record's topic). */
    public Serde<T> serde() {
        Serializer<T> serializer = (topic, value) -> value == null ? null : encode(topic, value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : decode(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private SpecificDatumReader<T> readerFor(int id) {
        SpecificDatumReader<T> cached = readerById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
                        typeName + " written with schema id " + id + ", which the registry does not know: "
                                + e.getMessage(), e);
            }
            throw e;
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
                    typeName + " written with schema id " + id + " (" + writerSchema.getFullName()
                            + "), which cannot be read as the current " + typeName + ": "
                            + compatibility.getDescription(), null);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        SpecificDatumReader<T> previous = readerById.putIfAbsent(id, reader);
        return previous == null ? reader : previous;
    }
}
