package dev.vigil.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** Vigil's one JSON mapper: ISO-8601 times, dates and zone ids, no failures on empty beans. Not API. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("vigil-time")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance)
                    .addSerializer(ZoneId.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                            gen.writeNumber(value.toMillis());
                        }
                    }));

    private Json() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A parser over {@code json} that refuses a key repeated within one object ({@code {"a": 1, "a": 2}}),
     * for reading request bodies strictly; read a tree with {@code mapper().readTree(parser)}.
     */
    public static JsonParser strictParser(byte[] json) throws IOException {
        JsonParser parser = MAPPER.getFactory().createParser(json);
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return parser;
    }

    /** Serialises {@code value} to UTF-8 JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON for " + value.getClass().getName(), e);
        }
    }
}
