package studio.codebook.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;

/** Generation on a tiny random model: deterministic, guided, continued, long, cancellable, streamed. */
class GeneratorTest {

    static MusicModel model;

    @BeforeAll
    static void tiny() throws Exception {
        model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-gen"), Device.cpu(), 7);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationParams params(String prompt, double seconds, long seed) {
        return new GenerationParams(prompt, "", seconds, 20, 0, 1.0, 3.0, seed, 1, 0);
    }

    static int[][] codes(GenerationResult r, int variant) {
        return r.clips().get(variant).codes().codes();
    }

    @Test
    void sameSeedParamsAndModelGiveIdenticalCodes() {
        GenerationParams p = params("warm lo-fi piano over brushed drums, 80 BPM", 1.0, 42).withVariants(2);
        GenerationResult a = model.generator().generate(p, null, GenerationListener.NONE);
        GenerationResult b = model.generator().generate(p, null, GenerationListener.NONE);
        assertEquals(2, a.clips().size());
        for (int v = 0; v < 2; v++) {
            assertArrayEquals(codes(a, v), codes(b, v));
            assertEquals(50, a.clips().get(v).codes().numFrames());
            assertEquals(50 * 320, a.clips().get(v).audio().numFrames());
            assertEquals(42 + v, a.clips().get(v).seed());
        }
        GenerationResult other = model.generator().generate(p.withSeed(43), null, GenerationListener.NONE);
        assertNotEquals(Codes.class.cast(a.clips().get(0).codes()), other.clips().get(0).codes());
    }

    @Test
    void guidanceScaleOneGivesTheConditionalLogits() {
        GenerationParams p = params("dark techno", 0.3, 5).withCfgScale(1.0);
        List<float[]> alone = new ArrayList<>();
        List<float[]> twoPass = new ArrayList<>();
        Generator g = model.generator();
        g.setProbe((step, logits) -> alone.add(logits), false);
        GenerationResult a = g.generate(p, null, GenerationListener.NONE);
        g.setProbe((step, logits) -> twoPass.add(logits), true);
        GenerationResult b = g.generate(p, null, GenerationListener.NONE);
        assertEquals(alone.size(), twoPass.size());
        for (int s = 0; s < alone.size(); s++) {
            assertArrayEquals(alone.get(s), twoPass.get(s), 1e-4f, "step " + s);
        }
        assertArrayEquals(codes(a, 0), codes(b, 0));
    }

    @Test
    void guidanceCombinesConditionalAndUnconditionalRows() {
        float[] logits = {1, 2, 3, 4, /* uncond row */ 0, 1, 1, 0};
        float[] out = new float[4];
        Generator.guide(logits, 0, 1, 3.0, 1, 4, out);
        assertArrayEquals(new float[] {3, 4, 7, 12}, out, 1e-6f);
        Generator.guide(logits, 0, -1, 3.0, 1, 4, out);
        assertArrayEquals(new float[] {1, 2, 3, 4}, out, 0f);
    }

    @Test
    void promptAndNegativePromptChangeTheMusic() {
        GenerationResult a = model.generator().generate(params("dark techno", 0.5, 9), null, GenerationListener.NONE);
        GenerationResult b = model.generator().generate(params("bright ukulele folk", 0.5, 9), null,
                GenerationListener.NONE);
        GenerationParams negative = new GenerationParams("dark techno", "harsh noise", 0.5, 20, 0, 1, 3, 9, 1, 0);
        GenerationResult c = model.generator().generate(negative, null, GenerationListener.NONE);
        assertNotEquals(a.clips().get(0).codes(), b.clips().get(0).codes());
        assertNotEquals(a.clips().get(0).codes(), c.clips().get(0).codes());
    }

    @Test
    void anyTextWorks() {
        for (String prompt : new String[] {"", "🎹🥁🔥", "温暖的钢琴", "x".repeat(10_000)}) {
            GenerationResult r = model.generator().generate(params(prompt, 0.2, 1), null, GenerationListener.NONE);
            assertEquals(10, r.clips().get(0).codes().numFrames(), prompt.length() > 20 ? "long" : prompt);
            assertEquals(prompt.length() > 20, !r.warnings().isEmpty(), "warnings " + r.warnings());
        }
    }

    @Test
    void continuationKeepsThePromptCodesAndGoesOn() {
        float[] tone = new float[16_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 330 * i / 16_000.0));
        }
        AudioClip prompt = AudioClip.mono(tone, 16_000);
        int[][] promptCodes = model.codec().encode(prompt).codes();
        GenerationResult r = model.generator().generate(params("continue", 0.5, 3), prompt, GenerationListener.NONE);
        GeneratedClip clip = r.clips().get(0);
        assertEquals(50, clip.promptFrames());
        assertEquals(75, clip.codes().numFrames());
        int[][] all = clip.codes().codes();
        for (int q = 0; q < 4; q++) {
            for (int t = 0; t < 50; t++) {
                assertEquals(promptCodes[q][t], all[q][t]);
            }
        }
        // only the new frames were sampled: 25 frames need 25 steps + the delay's 3
        assertEquals(25 + 3, r.steps());
    }

    @Test
    void clipsLongerThanTheContextContinueInWindows() {
        int contextFrames = model.pattern().frames(model.lm().config().maxSteps());
        double seconds = 2.5 * contextFrames / 50.0;
        GenerationResult r = model.generator().generate(params("long ambient drone", seconds, 11), null,
                GenerationListener.NONE);
        int frames = (int) Math.round(seconds * 50);
        assertEquals(frames, r.clips().get(0).codes().numFrames());
        assertEquals(frames * 320, r.clips().get(0).audio().numFrames());
        List<?> windows = model.generator().plan(0, frames, 0);
        assertTrue(windows.size() >= 3, "windows: " + windows);
        assertTrue(r.steps() > frames, "steps " + r.steps());
    }

    @Test
    void anLmTrainedOnShortWindowsGeneratesInWindowsOfThatLength() throws Exception {
        Provenance trained = new Provenance("2026-11-26T00:00:00Z", "test", 1, null, "test", 10,
                Map.of("trainer", "lm", "frames", 20), Map.of(), null);
        try (MusicModel shortWindows = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-gen")
                .withProvenance(trained), Device.cpu(), 7)) {
            List<Generator.Window> windows = shortWindows.generator().plan(0, 50, 0);
            assertTrue(windows.size() >= 3, "windows: " + windows);
            for (Generator.Window w : windows) {
                assertTrue(w.end() - w.start() <= 20, "never past the 20 trained frames: " + windows);
            }
            assertEquals(0, windows.get(0).start());
            assertEquals(50, windows.get(windows.size() - 1).end());
            // consecutive windows overlap: each continues from frames the one before generated
            for (int i = 1; i < windows.size(); i++) {
                assertTrue(windows.get(i).start() < windows.get(i - 1).end()
                        && windows.get(i).known() == windows.get(i - 1).end(), "windows: " + windows);
            }
            GenerationResult r = shortWindows.generator().generate(params("techno", 1.0, 3), null,
                    GenerationListener.NONE);
            assertEquals(50, r.clips().get(0).codes().numFrames());
        }
        // without a recorded training window the context decides: 50 frames are one window
        assertEquals(1, model.generator().plan(0, 50, 0).size());
    }

    @Test
    void aRequestedWindowIsUsedButNeverPastTheContext() {
        Generator g = model.generator();
        GenerationParams shortWindow = params("techno", 1.0, 3).withWindow(0.5); // 25 frames at 50 frames/s
        assertEquals(25, g.windowFrames(shortWindow));
        assertEquals(0, g.windowFrames(params("techno", 1.0, 3)), "0 = the model's own window");
        List<Generator.Window> windows = g.plan(0, 50, 25);
        assertTrue(windows.size() >= 3, "windows: " + windows);
        for (Generator.Window w : windows) {
            assertTrue(w.end() - w.start() <= 25, "windows: " + windows);
        }
        assertEquals(50, windows.get(windows.size() - 1).end());
        int contextFrames = model.pattern().frames(model.lm().config().maxSteps());
        assertEquals(g.plan(0, 3 * contextFrames, 0), g.plan(0, 3 * contextFrames, 10 * contextFrames),
                "a window longer than the context is the context");
        GenerationResult whole = g.generate(params("techno", 1.0, 3), null, GenerationListener.NONE);
        GenerationResult windowed = g.generate(shortWindow, null, GenerationListener.NONE);
        assertEquals(50, windowed.clips().get(0).codes().numFrames());
        assertTrue(windowed.steps() > whole.steps(), "more windows, more steps: " + windowed.steps() + " against "
                + whole.steps());
    }

    @Test
    void windowsOutsideTheirRangeAreRefusedAndOldSidecarsReadAsTheModelsOwn() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> params("x", 1, 1).withWindow(0.2));
        assertThrows(IllegalArgumentException.class, () -> params("x", 1, 1).withWindow(-1));
        assertEquals(2.0, params("x", 1, 1).withWindow(2).windowSeconds());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(params("x", 1, 1).withWindow(2));
        assertEquals(2.0, json.treeToValue(tree, GenerationParams.class).windowSeconds());
        tree.remove("windowSeconds");
        assertEquals(0.0, json.treeToValue(tree, GenerationParams.class).windowSeconds());
    }

    @Test
    void anLmWithABeatInputPlaysToTheTempoThePromptNames() throws Exception {
        ModelConfig plainConfig = ModelPresets.architecture("tiny", "rvq", "tiny-gen").withProvenance(new Provenance(
                "2026-11-26T00:00:00Z", "test", 1, null, "test", 10, Map.of("trainer", "lm", "frames", 20), Map.of(),
                null));
        ModelConfig beatConfig = plainConfig.withLanguageModel(plainConfig.pattern(), plainConfig.lm().withBeat(true),
                plainConfig.text());
        try (MusicModel plain = MusicModel.create(plainConfig, Device.cpu(), 7);
                MusicModel beat = MusicModel.create(beatConfig, Device.cpu(), 7)) {
            assertEquals(128, beat.generator().beatClock("energetic techno with a saw lead, 128 BPM").bpm());
            assertNull(beat.generator().beatClock("energetic techno with a saw lead"), "no tempo named: no clock");
            assertNull(plain.generator().beatClock("techno, 128 BPM"), "no beat input: no clock");

            GenerationParams withTempo = params("techno, 128 BPM", 1.0, 3);
            GenerationParams noTempo = params("techno", 1.0, 3);
            int[][] plainCodes = codes(plain.generator().generate(withTempo, null, GenerationListener.NONE), 0);
            // an untrained beat projection is zero: the same clip as without the input
            assertArrayEquals(plainCodes, codes(beat.generator().generate(withTempo, null, GenerationListener.NONE), 0));
            Parameter w = beat.lm().getParameters().get("beat.weight");
            java.util.Random random = new java.util.Random(4);
            float[] values = new float[(int) w.getArray().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = 3f * (float) random.nextGaussian();
            }
            w.getArray().set(values);
            // a trained one changes the clip when the prompt names a tempo (over 50 frames in windows of 20)...
            assertFalse(java.util.Arrays.deepEquals(plainCodes,
                    codes(beat.generator().generate(withTempo, null, GenerationListener.NONE), 0)));
            // ...and only then
            assertArrayEquals(codes(plain.generator().generate(noTempo, null, GenerationListener.NONE), 0),
                    codes(beat.generator().generate(noTempo, null, GenerationListener.NONE), 0));
        }
    }

    @Test
    void cancelStopsWithinOneStep() {
        AtomicInteger steps = new AtomicInteger();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void progress(GenerationProgress p) {
                steps.set(p.step());
            }

            @Override
            public boolean cancelled() {
                return steps.get() >= 5;
            }
        };
        assertThrows(CancellationException.class,
                () -> model.generator().generate(params("x", 3.0, 1), null, listener));
        assertEquals(5, steps.get());
    }

    @Test
    void streamedAudioArrivesInOrderAndCoversTheClip() {
        List<long[]> chunks = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public boolean wantsAudio() {
                return true;
            }

            @Override
            public void audio(int variant, AudioClip chunk, long startSample) {
                chunks.add(new long[] {variant, startSample, chunk.numFrames()});
            }

            @Override
            public void progress(GenerationProgress p) {
                progress.add(p.step());
            }
        };
        GenerationResult r = model.generator().generate(params("streaming", 2.0, 4).withVariants(2), null, listener);
        assertEquals(r.steps(), progress.get(progress.size() - 1));
        for (int v = 0; v < 2; v++) {
            long expected = 0;
            int count = 0;
            for (long[] c : chunks) {
                if (c[0] == v) {
                    assertEquals(expected, c[1]);
                    expected += c[2];
                    count++;
                }
            }
            assertEquals(r.clips().get(v).audio().numFrames(), expected);
            assertTrue(count >= 3, "chunks " + count);
        }
    }
}
