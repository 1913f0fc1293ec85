package studio.codebook.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.library.ClipLibrary;
import studio.codebook.ui.library.LibraryClip;

/**
 * SIGKILL while the settings or the clip library are being written (as the training module's checkpoint
 * crash test does for checkpoints): a child JVM ({@link UserFilesWriter}) saves in a loop and is killed with
 * {@link Process#destroyForcibly()} at a random moment, several times over; after each kill the files a user
 * relies on are intact. Settings: {@code settings.json} parses (no notice, no {@code .bad} copy) and holds the
 * last save the child reported or the one it was making. Library: every clip saved before is byte for byte
 * unchanged, every WAV decodes to the full clip and every sidecar parses; the one clip being saved when the
 * process died may lack its sidecar (the WAV is written first, by design, and is listed with a warning). That
 * the kills land inside writes shows in the temporary {@code .partial} files they leave behind.
 */
class UserFilesCrashTest {

    /** At least this many kills per test, */
    private static final int KILLS = 5;
    /**
     * and more, up to this many, until one has landed inside a write: where and when a kill lands is up to the
     * machine (a fast disk makes writes short), so the test kills again rather than hope.
     */
    private static final int MAX_KILLS = 60;

    @Test
    void settingsSurviveAKillMidWrite(@TempDir Path home) throws Exception {
        Random random = new Random(7);
        int partialsLeft = 0;
        for (int round = 0; round < KILLS || (partialsLeft == 0 && round < MAX_KILLS); round++) {
            long lastSaved = runAndKill("settings", home, random);
            SettingsStore store = new SettingsStore(home);
            assertTrue(store.notice().isEmpty(), "round " + round + ": " + store.notice().orElse(""));
            assertFalse(Files.exists(home.resolve(SettingsStore.FILE_NAME + ".bad")));
            long inFile = Long.parseLong(store.current().lastModel().substring("model-".length()));
            assertTrue(inFile == lastSaved || inFile == lastSaved + 1,
                    "round " + round + ": the file holds save " + inFile + ", the child last reported " + lastSaved);
            assertEquals(100, store.current().presetChips().size());
            assertTrue(store.current().presetChips().get(99).contains("of save " + inFile + ":"));
            partialsLeft = partials(home);
            System.out.printf("settings, kill %d: last reported save %d, file holds %d, %d .partial files%n",
                    round + 1, lastSaved, inFile, partialsLeft);
        }
        assertTrue(partialsLeft > 0, "none of " + MAX_KILLS + " kills landed inside a write (no .partial file left behind)");
    }

    @Test
    void libraryClipsSurviveAKillMidWrite(@TempDir Path folder) throws Exception {
        Random random = new Random(11);
        ClipLibrary library = new ClipLibrary(folder);
        Map<Path, String> intact = new HashMap<>();
        int partialsLeft = 0;
        for (int round = 0; round < KILLS || (partialsLeft == 0 && round < MAX_KILLS); round++) {
            long lastSaved = runAndKill("library", folder, random);
            for (Map.Entry<Path, String> e : intact.entrySet()) {
                assertEquals(e.getValue(), digest(e.getKey()), "round " + round + ": " + e.getKey() + " changed");
            }
            List<LibraryClip> clips = library.list();
            int withoutSidecar = 0;
            long newest = 0;
            for (LibraryClip clip : clips) {
                AudioClip audio = AudioReader.read(clip.wav());
                assertEquals(UserFilesWriter.CLIP_FRAMES, audio.numFrames(), clip.wav().toString());
                if (clip.record() == null) {
                    withoutSidecar++;
                    assertTrue(clip.warning().contains("no sidecar"), clip.warning());
                    assertFalse(Files.exists(clip.sidecar()));
                    continue;
                }
                assertEquals(clip.wav().getFileName().toString(), clip.record().file());
                assertNotNull(ClipRecord.read(clip.sidecar()).params());
                newest = Math.max(newest, clip.record().seed());
                intact.putIfAbsent(clip.wav(), digest(clip.wav()));
                intact.putIfAbsent(clip.sidecar(), digest(clip.sidecar()));
            }
            assertTrue(newest == lastSaved || newest == lastSaved + 1,
                    "round " + round + ": the newest complete clip is " + newest + ", the child last reported " + lastSaved);
            assertTrue(withoutSidecar <= round + 1, withoutSidecar + " clips lack a sidecar after " + (round + 1) + " kills");
            partialsLeft = partials(folder);
            System.out.printf("library, kill %d: last reported save %d, newest complete clip %d, %d clips, %d without "
                    + "sidecar, %d .partial files%n", round + 1, lastSaved, newest, clips.size(), withoutSidecar,
                    partialsLeft);
        }
        assertTrue(partialsLeft > 0, "none of " + MAX_KILLS + " kills landed inside a write (no .partial file left behind)");
    }

    /**
     * Starts a writer, lets it save twice, kills it at a random moment of its loop; returns the last save it
     * reported. Its output goes to a file (println flushes), which outlives the process, unlike a pipe.
     */
    private static long runAndKill(String what, Path folder, Random random) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Djava.awt.headless=true", UserFilesWriter.class.getName(), what, folder.toString());
        Path stdout = Files.createTempFile("writer-out", ".txt");
        Path stderr = Files.createTempFile("writer-err", ".txt");
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (saves(stdout).size() < 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(random.nextInt(40));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        List<Long> saves = saves(stdout);
        assertTrue(saves.size() >= 2, "the writer stopped early: " + Files.readString(stderr).lines().limit(20).toList());
        Files.delete(stdout);
        Files.delete(stderr);
        return saves.get(saves.size() - 1);
    }

    private static List<Long> saves(Path output) throws IOException {
        return Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("saved "))
                .map(l -> Long.parseLong(l.substring(6))).toList();
    }

    private static int partials(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".partial")).count();
        }
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
