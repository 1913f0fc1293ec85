package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.device.ComputeDevice;

class ModelWeightsTest {

    @TempDir
    Path dir;

    private static Block mlp(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Linear.builder().setUnits(3).build());
    }

    @Test
    void saveThenLoadGivesBitIdenticalOutputs() throws Exception {
        ComputeDevice.engine();
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.ENGINE)) {
            Engine.getEngine(ComputeDevice.ENGINE).setRandomSeed(1);
            Block a = mlp(8);
            a.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            Engine.getEngine(ComputeDevice.ENGINE).setRandomSeed(2);
            Block b = mlp(8);
            b.initialize(manager, DataType.FLOAT32, new Shape(2, 5));

            Path file = dir.resolve("w.safetensors");
            ModelWeights.save(a, file, Map.of("model", "mlp"));
            Map<String, String> metadata = ModelWeights.load(b, file);
            assertEquals("mlp", metadata.get("model"));

            NDList x = new NDList(manager.randomNormal(new Shape(2, 5)));
            float[] outA = a.forward(new ParameterStore(manager, false), x, false).singletonOrThrow().toFloatArray();
            float[] outB = b.forward(new ParameterStore(manager, false), x, false).singletonOrThrow().toFloatArray();
            assertArrayEquals(outA, outB, 0f);
        }
    }

    @Test
    void otherArchitectureIsRejectedWithTheTensorNamed() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.ENGINE)) {
            Block a = mlp(8);
            a.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            Block wider = mlp(9);
            wider.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            Path file = dir.resolve("w.safetensors");
            ModelWeights.save(a, file, Map.of());
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelWeights.load(wider, file));
            assertTrue(e.getMessage().contains("w.safetensors") && e.getMessage().contains("shape"), e.getMessage());

            Block deeper = new SequentialBlock().add(mlp(8)).add(Linear.builder().setUnits(2).build());
            deeper.initialize(manager, DataType.FLOAT32, new Shape(2, 5));
            ModelFileException missing = assertThrows(ModelFileException.class, () -> ModelWeights.load(deeper, file));
            assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        }
    }
}
