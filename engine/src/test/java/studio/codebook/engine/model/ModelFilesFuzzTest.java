package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import studio.codebook.engine.FuzzProperty;

/**
 * Coverage-guided fuzzing (Jazzer) of the two files of a model folder that are read from untrusted places:
 * {@code model.json} ({@link ModelFolder#readConfig}) and the safetensors weights ({@link SafeTensors#read},
 * with the 8-bit tensors of compact models decoded by {@link CompactTensors#decode}). Seeds (and reproducers)
 * are in {@code src/test/resources/studio/codebook/engine/model/ModelFilesFuzzTestInputs/<target>/}.
 *
 * <p>For any bytes:
 * <ul>
 *   <li>reading throws only {@link ModelFileException} (an IOException whose message names the file), no
 *   other exception and no error;</li>
 *   <li>reading allocates no more than 8 MiB plus 64 bytes per input byte (nothing from a claimed size);</li>
 *   <li>what is accepted round-trips: a model.json written back with {@link ModelFolder#writeConfig} reads as
 *   the same description; weights written back with {@link SafeTensors#write} read as the same tensors, and
 *   every tensor converts to floats ({@code toFloats}) with as many values as its shape has elements;</li>
 *   <li>each input takes at most 10 s.</li>
 * </ul>
 */
class ModelFilesFuzzTest {

    private static final long BASE_BUDGET = 8L << 20;
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void modelJson(byte[] data) throws IOException {
        Path folder = DIR.resolve("model");
        Files.createDirectories(folder);
        Files.write(folder.resolve(ModelFolder.CONFIG_FILE), data);
        ModelConfig config = FuzzProperty.check("reading a model.json of " + data.length + " bytes",
                () -> ModelFolder.readConfig(folder), c -> BASE_BUDGET + 64L * data.length, ModelFileException.class);
        if (config != null) {
            Path again = DIR.resolve("again");
            ModelFolder.writeConfig(again, config);
            ModelConfig reread = ModelFolder.readConfig(again);
            assertEquals(ModelJson.mapper().valueToTree(config), ModelJson.mapper().valueToTree(reread),
                    "model.json does not read back as it was written");
        }
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void safeTensors(byte[] data) throws IOException {
        Path file = DIR.resolve("fuzz.safetensors");
        Files.write(file, data);
        SafeTensors.Content content = FuzzProperty.check("reading a weights file of " + data.length + " bytes",
                () -> readWithCompactTensors(file), c -> BASE_BUDGET + 64L * data.length, ModelFileException.class);
        if (content != null) {
            for (SafeTensors.Tensor t : content.tensors().values()) {
                assertEquals(t.elements(), t.toFloats().length);
            }
            Path again = DIR.resolve("again.safetensors");
            SafeTensors.write(again, content.tensors(), content.metadata());
            SafeTensors.Content reread = SafeTensors.read(again);
            assertEquals(content.metadata(), reread.metadata());
            assertEquals(content.tensors().keySet(), reread.tensors().keySet());
            for (Map.Entry<String, SafeTensors.Tensor> e : content.tensors().entrySet()) {
                SafeTensors.Tensor back = reread.tensors().get(e.getKey());
                assertEquals(e.getValue().dtype(), back.dtype(), e.getKey());
                assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
                assertEquals(bytes(e.getValue().data()), bytes(back.data()), e.getKey());
            }
        }
    }

    /** Reads the file and decodes its 8-bit tensors, as loading a compact model does. */
    private static SafeTensors.Content readWithCompactTensors(Path file) throws ModelFileException {
        SafeTensors.Content content = SafeTensors.read(file);
        for (Map.Entry<String, SafeTensors.Tensor> e : content.tensors().entrySet()) {
            if (e.getValue().dtype() == SafeTensors.DType.I8) {
                float[] values = CompactTensors.decode(file, e.getKey(), e.getValue(),
                        content.tensors().get(e.getKey() + CompactTensors.SCALE_SUFFIX));
                assertEquals(e.getValue().elements(), values.length, e.getKey());
            }
        }
        return content;
    }

    private static ByteBuffer bytes(ByteBuffer b) {
        return b.duplicate().rewind();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("model-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
