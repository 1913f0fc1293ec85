package studio.codebook.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.IVersionProvider;
import studio.codebook.engine.device.PyTorchNative;
import studio.codebook.engine.model.BundledModel;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.ModelFolder;

/**
 * Prints the app's version, the versions of the libraries it computes with, the PyTorch native build it
 * carries (and whether it is unpacked yet) and the bundled model. Starts no engine: it reads descriptions
 * and hashes files only.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            Versions.app(),
            "DJL " + Versions.djl() + ", PyTorch " + Versions.pytorch(),
            nativeLine(PyTorchNative.onClassPath(), PyTorchNative.cacheFolder()),
            modelLine(BundledModel.find()),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** Which native build ships with the app and where it is (or will be) unpacked. */
    static String nativeLine(Optional<PyTorchNative> bundled, Path cache) {
        if (bundled.isEmpty()) {
            return "PyTorch native: none bundled; DJL downloads the build for this machine on the first start";
        }
        PyTorchNative n = bundled.get();
        String build = "PyTorch native: " + n.version() + " " + n.flavor() + " " + n.classifier();
        return n.isExtracted(cache)
                ? build + ", unpacked in " + n.folder(cache)
                : build + ", not unpacked yet (the first start puts " + Math.round(n.bytes() / 1e6) + " MB in "
                        + n.folder(cache) + ")";
    }

    /** The bundled model's id, name and content hash, or why there is none. */
    static String modelLine(Optional<Path> bundled) {
        if (bundled.isEmpty()) {
            return "Model: none bundled (assets/models/default is missing)";
        }
        Path dir = bundled.get();
        try {
            ModelConfig config = ModelFolder.readConfig(dir);
            return "Model: " + config.id() + " \"" + config.name() + "\", hash " + ModelFolder.hash(dir, config)
                    + " (" + dir + ")";
        } catch (ModelFileException e) {
            return "Model: unreadable bundled model: " + e.getMessage();
        }
    }
}
