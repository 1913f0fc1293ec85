package studio.codebook.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchNativeTest {

    @TempDir
    Path cache;

    private static Properties properties(String libraries) {
        Properties p = new Properties();
        p.setProperty("version", "2.7.1-20250812");
        p.setProperty("flavor", "cpu");
        p.setProperty("classifier", "linux-x86_64");
        p.setProperty("libraries", libraries);
        return p;
    }

    private static PyTorchNative twoLibraries() {
        Map<String, Long> sizes = Map.of("pytorch/cpu/linux-x86_64/libc10.so", 300L,
                "pytorch/cpu/linux-x86_64/libtorch_cpu.so", 700L);
        return PyTorchNative.parse(properties("libc10.so,libtorch_cpu.so"), r -> sizes.getOrDefault(r, -1L)).get();
    }

    @Test
    void theBundledCpuBuildIsOnTheClassPathWithItsSize() {
        PyTorchNative n = PyTorchNative.onClassPath().orElseThrow();
        assertEquals("cpu", n.flavor());
        assertTrue(n.version().startsWith("2.7.1"), n.version());
        assertTrue(n.libraries().contains(System.mapLibraryName("torch")), n.libraries().toString());
        // libtorch_cpu alone is over 400 MB uncompressed
        assertTrue(n.bytes() > 400_000_000L, "bytes " + n.bytes());
    }

    @Test
    void parsesTheDescriptionAndAddsTheSizes() {
        PyTorchNative n = twoLibraries();
        assertEquals(List.of("libc10.so", "libtorch_cpu.so"), n.libraries());
        assertEquals(1000, n.bytes());
        assertEquals(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"), n.folder(cache));
    }

    @Test
    void aPlaceholderOrAnIncompleteDescriptionMeansNothingBundled() {
        Properties placeholder = properties("libtorch.so");
        placeholder.setProperty("placeholder", "true");
        assertEquals(Optional.empty(), PyTorchNative.parse(placeholder, r -> 1));
        Properties noLibraries = properties("");
        assertEquals(Optional.empty(), PyTorchNative.parse(noLibraries, r -> 1));
    }

    @Test
    void anUnknownSizeMakesProgressUnmeasurable() throws IOException {
        PyTorchNative n = PyTorchNative.parse(properties("libc10.so,libtorch.so"), r -> -1).get();
        assertEquals(0, n.bytes());
        assertEquals(-1, n.fractionExtracted(cache));
    }

    @Test
    void progressCountsTheBytesInDjlsTemporaryFolderThenTheFinishedFolder() throws IOException {
        PyTorchNative n = twoLibraries();
        assertFalse(n.isExtracted(cache));
        assertEquals(0.0, n.fractionExtracted(cache));

        Path temp = Files.createDirectories(cache.resolve("tmp8312765"));
        Files.write(temp.resolve("libc10.so"), new byte[300]);
        Files.write(temp.resolve("libtorch_cpu.so"), new byte[200]);
        Files.createDirectories(cache.resolve("other")); // not a temporary folder: ignored
        Files.write(cache.resolve("other/x"), new byte[5000]);
        assertEquals(500, PyTorchNative.bytesBeingExtracted(cache));
        assertEquals(0.5, n.fractionExtracted(cache), 1e-9);
        assertFalse(n.isExtracted(cache));

        Files.move(temp, n.folder(cache));
        Files.write(n.folder(cache).resolve(System.mapLibraryName("torch")), new byte[10]);
        assertTrue(n.isExtracted(cache));
        assertEquals(1.0, n.fractionExtracted(cache));
    }

    @Test
    void aMissingCacheFolderIsNothingExtractedYet() {
        assertEquals(0, PyTorchNative.bytesBeingExtracted(cache.resolve("absent")));
        assertFalse(twoLibraries().isExtracted(cache.resolve("absent")));
    }
}
