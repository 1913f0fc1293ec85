package studio.codebook.engine.device;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The device the engine computes on, with the words a user is shown for it.
 *
 * <p>The CPU is the default and the tested path; a GPU is used only when the packaged PyTorch
 * native is a CUDA build and DJL sees a device.
 *
 * @param device the DJL device
 * @param description a short human description, e.g. "CPU (PyTorch 2.7.1, 2 threads)"
 */
public record ComputeDevice(Device device, String description) {

    /** The engine name every part of the project asks DJL for. */
    public static final String ENGINE = "PyTorch";

    /** Picks the GPU when one is visible, else the CPU. */
    public static ComputeDevice best() {
        Engine engine = engine();
        if (engine.getGpuCount() > 0) {
            return new ComputeDevice(Device.gpu(), "GPU 0 (PyTorch " + engine.getVersion() + ", CUDA)");
        }
        return cpu();
    }

    /** The CPU, whatever else is present. */
    public static ComputeDevice cpu() {
        Engine engine = engine();
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        String suffix = threads == null ? "" : ", " + threads + (threads.equals("1") ? " thread" : " threads");
        return new ComputeDevice(Device.cpu(), "CPU (PyTorch " + engine.getVersion() + suffix + ")");
    }

    /**
     * The PyTorch engine, loaded from the native jar on the class path. DJL is told it is offline so
     * it never tries a download, whatever the user's network.
     */
    public static Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(ENGINE);
    }

    @Override
    public String toString() {
        return description;
    }
}
