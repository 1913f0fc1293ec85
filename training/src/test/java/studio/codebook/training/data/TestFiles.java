package studio.codebook.training.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;

/**
 * Writes test audio at test time: WAV with the engine's writer, FLAC, MP3 and Ogg Vorbis by encoding a WAV
 * with Debian's flac, lame and oggenc (tests needing a missing tool are skipped, not failed).
 */
final class TestFiles {

    private TestFiles() {
    }

    static Path wav(Path file, float[] mono, int rate) throws IOException {
        Files.createDirectories(file.getParent());
        WavWriter.write(AudioClip.mono(mono, rate), file, 16);
        return file;
    }

    static Path stereoWav(Path file, float[] left, float[] right, int rate) throws IOException {
        Files.createDirectories(file.getParent());
        WavWriter.write(new AudioClip(new float[][] {left, right}, rate), file, 16);
        return file;
    }

    /** Encodes {@code mono} with {@code tool}; {@code scratch} is a folder outside any library under test. */
    static Path encoded(Path file, float[] mono, int rate, Path scratch, String... extraArgs) throws IOException {
        String ext = FolderListing.extension(file);
        String tool = switch (ext) {
            case "flac" -> "flac";
            case "mp3" -> "lame";
            case "ogg" -> "oggenc";
            default -> throw new IllegalArgumentException(ext);
        };
        assumeTrue(onPath(tool), tool + " is not installed");
        Path wav = wav(Files.createTempFile(scratch, "src", ".wav"), mono, rate);
        Files.createDirectories(file.getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        switch (tool) {
            case "flac" -> cmd.addAll(List.of("--silent", "--force", "-o", file.toString()));
            case "lame" -> cmd.addAll(List.of("--quiet", "-b", "128"));
            default -> cmd.addAll(List.of("--quiet", "-q", "3", "-o", file.toString()));
        }
        cmd.addAll(List.of(extraArgs));
        cmd.add(wav.toString());
        if (tool.equals("lame")) {
            cmd.add(file.toString());
        }
        run(cmd);
        Files.delete(wav);
        return file;
    }

    static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Every file under {@code root} (links not followed) → SHA-256 of its bytes and its modification time. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root, new FileVisitOption[0])) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    prints.put(root.relativize(p) + " -> link", Files.readSymbolicLink(p).toString());
                } else if (Files.isRegularFile(p)) {
                    FileTime modified = Files.getLastModifiedTime(p);
                    prints.put(root.relativize(p).toString(), TrackLibrary.sha256(Files.readAllBytes(p)) + " " + modified);
                } else {
                    prints.put(root.relativize(p) + "/", "folder");
                }
            }
        }
        return prints;
    }
}
