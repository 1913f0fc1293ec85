package studio.codebook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.device.PyTorchNative;
import studio.codebook.engine.model.ModelFolder;

class VersionProviderTest {

    @TempDir
    Path dir;

    private static PyTorchNative cpuBuild() {
        return new PyTorchNative("2.7.1-20250812", "cpu", "linux-x86_64", List.of("libtorch.so"), 448_069_218L);
    }

    @Test
    void theModelLineNamesIdNameAndContentHash() throws Exception {
        Path model = dir.resolve("tiny");
        StringWriter err = new StringWriter();
        int code = StudioCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "model", "init", "--preset", "tiny", "--out", model.toString(), "--seed", "3");
        assertEquals(0, code, err.toString());
        var config = ModelFolder.readConfig(model);

        String line = VersionProvider.modelLine(Optional.of(model));
        assertEquals("Model: " + config.id() + " \"" + config.name() + "\", hash " + ModelFolder.hash(model, config)
                + " (" + model + ")", line);
        assertEquals(16, ModelFolder.hash(model, config).length());
    }

    @Test
    void noModelOrABrokenOneIsSaidPlainly() throws IOException {
        assertTrue(VersionProvider.modelLine(Optional.empty()).startsWith("Model: none bundled"));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("model.json"), "{ not json");
        assertTrue(VersionProvider.modelLine(Optional.of(broken)).startsWith("Model: unreadable bundled model: "));
    }

    @Test
    void theNativeLineSaysWhetherTheFirstStartStillUnpacks() throws IOException {
        Path cache = dir.resolve("cache");
        PyTorchNative n = cpuBuild();
        assertEquals("PyTorch native: 2.7.1-20250812 cpu linux-x86_64, not unpacked yet (the first start puts 448 MB in "
                + n.folder(cache) + ")", VersionProvider.nativeLine(Optional.of(n), cache));
        Files.createDirectories(n.folder(cache));
        Files.write(n.folder(cache).resolve(System.mapLibraryName("torch")), new byte[1]);
        assertEquals("PyTorch native: 2.7.1-20250812 cpu linux-x86_64, unpacked in " + n.folder(cache),
                VersionProvider.nativeLine(Optional.of(n), cache));
        assertTrue(VersionProvider.nativeLine(Optional.empty(), cache).contains("none bundled"));
    }

    @Test
    void versionPrintsEveryLine() {
        StringWriter out = new StringWriter();
        int code = StudioCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");
        assertEquals(0, code);
        String text = out.toString();
        assertTrue(text.startsWith("Codebook Studio "), text);
        assertTrue(text.contains("DJL 0.36.0, PyTorch 2.7.1"), text);
        assertTrue(text.contains("PyTorch native: 2.7.1"), text);
        assertTrue(text.contains("Model: "), text);
        assertTrue(text.contains("Java 17"), text);
    }
}
