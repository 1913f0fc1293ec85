package studio.codebook.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.ui.library.ClipLibrary;

/**
 * The child process of {@link UserFilesCrashTest}: saves the settings or library clips in a loop, as fast as
 * it can, until it is killed, printing "saved N" after each save returns.
 *
 * <pre>
 *   UserFilesWriter settings HOME   settings.json, lastModel = "model-N", a few KB of preset chips
 *   UserFilesWriter library FOLDER  clips of 10 s (a 320 KB WAV each) with their JSON sidecars, seed = N
 * </pre>
 * The count goes on from what the folder holds, so each child's saves follow the previous child's.
 */
public final class UserFilesWriter {

    static final int CLIP_RATE = 16_000;
    static final int CLIP_FRAMES = 10 * CLIP_RATE;

    private UserFilesWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        if (args[0].equals("settings")) {
            writeSettings(folder);
        } else {
            writeClips(folder);
        }
    }

    private static void writeSettings(Path home) throws Exception {
        SettingsStore store = new SettingsStore(home);
        String last = store.current().lastModel();
        long n = last == null ? 0 : Long.parseLong(last.substring("model-".length()));
        while (true) {
            long next = ++n;
            List<String> chips = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                chips.add("chip " + i + " of save " + next + ": calm ambient pads in D minor with a slow piano");
            }
            store.update(s -> s.withLastModel("model-" + next).withPresetChips(chips));
            store.save();
            System.out.println("saved " + next);
        }
    }

    private static void writeClips(Path folder) throws Exception {
        ClipLibrary library = new ClipLibrary(folder);
        long n = library.list().stream().filter(c -> c.record() != null).mapToLong(c -> c.record().seed()).max()
                .orElse(0);
        float[] samples = new float[CLIP_FRAMES];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / CLIP_RATE));
        }
        AudioClip clip = AudioClip.mono(samples, CLIP_RATE);
        while (true) {
            long seed = ++n;
            GenerationParams params = GenerationParams.defaults("a sine for the crash test", seed).withDuration(10);
            ClipRecord record = new ClipRecord("pending.wav", "2026-01-01T00:00:00Z", "crash test", params, 0, seed,
                    "tiny", "0123456789abcdef", null, 0, 10, CLIP_RATE, null);
            library.save(clip, record);
            System.out.println("saved " + seed);
        }
    }
}
