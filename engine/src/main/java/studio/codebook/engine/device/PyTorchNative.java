package studio.codebook.engine.device;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The PyTorch native library that ships inside the {@code pytorch-native-*} jar, and the cache folder DJL
 * unpacks it into when the engine first starts (about 430 MB for the CPU build, which takes a while; later
 * starts find it there and skip the copy).
 *
 * <p>DJL 0.36 ({@code ai.djl.pytorch.jni.LibUtils}) reads {@value #PROPERTIES} from the class path, looks for
 * {@code <cache>/<version>-<flavor>-<classifier>/libtorch.so} (the platform's name for it), and when it is
 * missing copies every listed library from {@code pytorch/<flavor>/<classifier>/} in the jar into a
 * temporary folder {@code <cache>/tmp…} which it then renames. The cache is {@code ENGINE_CACHE_DIR},
 * else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}, plus {@code pytorch}.
 *
 * @param version the native build's version, e.g. {@code 2.7.1-20250812}
 * @param flavor {@code cpu}, or a CUDA flavor such as {@code cu124}
 * @param classifier the platform, e.g. {@code linux-x86_64}
 * @param libraries the library files DJL copies
 * @param bytes their total size in the jar, uncompressed (0 when not measurable)
 */
public record PyTorchNative(String version, String flavor, String classifier, List<String> libraries, long bytes) {

    /** The class path resource that describes the bundled native build. */
    public static final String PROPERTIES = "native/lib/pytorch.properties";

    public PyTorchNative {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(classifier, "classifier");
        libraries = List.copyOf(libraries);
    }

    /** The native build bundled on the class path; empty when there is none (DJL would then download one). */
    public static Optional<PyTorchNative> onClassPath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return read(loader != null ? loader : PyTorchNative.class.getClassLoader());
    }

    /**
     * The bundled native build when starting the engine will unpack it first: it is on the class path, not
     * yet in the cache, and not overridden by {@code PYTORCH_LIBRARY_PATH}.
     */
    public static Optional<PyTorchNative> toExtract() {
        if (System.getenv("PYTORCH_LIBRARY_PATH") != null) {
            return Optional.empty();
        }
        Path cache = cacheFolder();
        return onClassPath().filter(n -> !n.isExtracted(cache));
    }

    /** Where DJL keeps PyTorch's native files for this user and these settings. */
    public static Path cacheFolder() {
        return Utils.getEngineCacheDir("pytorch");
    }

    static Optional<PyTorchNative> read(ClassLoader loader) {
        URL url = loader.getResource(PROPERTIES);
        if (url == null) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(p, resource -> size(loader, resource));
    }

    /**
     * The build a {@value #PROPERTIES} file describes; empty for DJL's placeholder (which means "download").
     *
     * @param sizeOfResource the uncompressed size of a class path resource, or a negative number if unknown
     */
    static Optional<PyTorchNative> parse(Properties p, ToLongFunction<String> sizeOfResource) {
        String version = p.getProperty("version");
        String flavor = p.getProperty("flavor");
        String classifier = p.getProperty("classifier");
        String libraries = p.getProperty("libraries");
        if (Boolean.parseBoolean(p.getProperty("placeholder")) || version == null || flavor == null
                || classifier == null || libraries == null || libraries.isBlank()) {
            return Optional.empty();
        }
        List<String> files = Arrays.stream(libraries.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        long total = 0;
        for (String file : files) {
            long size = sizeOfResource.applyAsLong("pytorch/" + flavor + "/" + classifier + "/" + file);
            if (size < 0) {
                total = 0;
                break;
            }
            total += size;
        }
        return Optional.of(new PyTorchNative(version, flavor, classifier, files, total));
    }

    /** The folder inside DJL's cache that holds this build once it is unpacked. */
    public Path folder(Path cache) {
        return cache.resolve(version + "-" + flavor + "-" + classifier);
    }

    /** Whether DJL finds this build unpacked in {@code cache} (it checks for the main library, as here). */
    public boolean isExtracted(Path cache) {
        return Files.isRegularFile(folder(cache).resolve(System.mapLibraryName("torch")));
    }

    /**
     * How far the unpacking has come, 0 to 1: the bytes in DJL's temporary folders against {@link #bytes()};
     * 1 once the build is in place; negative when it cannot be measured (the size is unknown).
     */
    public double fractionExtracted(Path cache) {
        if (isExtracted(cache)) {
            return 1;
        }
        if (bytes <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) bytesBeingExtracted(cache) / bytes);
    }

    /** The bytes written so far into DJL's temporary folders ({@code <cache>/tmp…}). */
    public static long bytesBeingExtracted(Path cache) {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        long sum = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(cache,
                p -> p.getFileName().toString().startsWith("tmp") && Files.isDirectory(p))) {
            for (Path temp : temps) {
                try (Stream<Path> files = Files.list(temp)) {
                    sum += files.mapToLong(PyTorchNative::sizeOrZero).sum();
                } catch (IOException | UncheckedIOException e) {
                    // renamed or deleted while we looked: DJL has moved on
                }
            }
        } catch (IOException e) {
            return sum;
        }
        return sum;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return -1;
        }
        try {
            URLConnection c = url.openConnection();
            return c.getContentLengthLong();
        } catch (IOException e) {
            return -1;
        }
    }
}
