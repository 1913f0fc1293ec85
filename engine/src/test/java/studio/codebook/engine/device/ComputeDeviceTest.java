package studio.codebook.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

    @Test
    void cpuEngineLoadsFromTheNativeJarAndComputes() {
        ComputeDevice cpu = ComputeDevice.cpu();
        assertTrue(cpu.description().startsWith("CPU (PyTorch 2.7.1"), cpu.description());
        try (NDManager manager = NDManager.newBaseManager(cpu.device(), ComputeDevice.ENGINE)) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            assertEquals(14f, a.mul(a).sum().getFloat(), 1e-6);
        }
    }
}
