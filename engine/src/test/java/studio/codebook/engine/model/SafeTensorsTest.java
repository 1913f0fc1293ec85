package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() throws Exception {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", SafeTensors.Tensor.ofFloats(new float[] {1, -2, 3.5f, Float.MIN_VALUE, 7, 8},
                new long[] {2, 3}));
        tensors.put("a.scalar", SafeTensors.Tensor.ofFloats(new float[] {42}, new long[] {}));
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, Map.of("format", "pt"));

        SafeTensors.Content back = SafeTensors.read(file);
        assertEquals(Map.of("format", "pt"), back.metadata());
        assertEquals(2, back.tensors().size());
        assertArrayEquals(new long[] {2, 3}, back.tensors().get("b.weight").shape());
        assertArrayEquals(new float[] {1, -2, 3.5f, Float.MIN_VALUE, 7, 8}, back.tensors().get("b.weight").toFloats());
        assertArrayEquals(new float[] {42}, back.tensors().get("a.scalar").toFloats());
        // The header is 8-byte aligned, as the format recommends.
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
    }

    @Test
    void halfAndBfloatConvert() {
        assertEquals(1.0f, Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0x3c00)));
        assertEquals(-2.0f, Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0xc000)));
        assertEquals(Math.scalb(1f, -24), Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0x0001)));
        assertEquals(6.097555e-5f, Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0x03ff)), 1e-10);
        assertEquals(65504f, Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0x7bff)));
        assertTrue(Float.isInfinite(Float.intBitsToFloat(SafeTensors.halfToFloatBits((short) 0x7c00))));
    }

    @Test
    void everyTruncationIsATypedErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("w.safetensors");
        float[] values = new float[100];
        Arrays.fill(values, 0.5f);
        SafeTensors.write(file, Map.of("x", SafeTensors.Tensor.ofFloats(values, new long[] {10, 10})), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        for (int cut = 0; cut < bytes.length; cut += 7) {
            Path truncated = dir.resolve("cut" + cut + ".safetensors");
            Files.write(truncated, Arrays.copyOf(bytes, cut));
            ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(truncated));
            assertTrue(e.getMessage().contains(truncated.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void randomBytesAndLyingHeadersAreRejected() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            Path file = dir.resolve("junk" + i);
            Files.write(file, junk);
            assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        }
        String[] headers = {
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[1000000000,1000000000],\"data_offsets\":[0,4]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4000000000]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}",
            "{\"x\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            "{\"__metadata__\":{\"a\":1}}",
            "[1,2,3]",
        };
        for (String header : headers) {
            Path file = dir.resolve("lying.safetensors");
            byte[] json = header.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(json.length).put(json);
            Files.write(file, b.array());
            assertThrows(ModelFileException.class, () -> SafeTensors.read(file), header);
        }
    }

    @Test
    void missingAndEmptyFilesSaySo() throws Exception {
        ModelFileException missing = assertThrows(ModelFileException.class,
                () -> SafeTensors.read(dir.resolve("none.safetensors")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.safetensors"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafeTensors.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
