package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;

class ContinuationTest {

    @TempDir
    Path dir;

    private String status = "";
    private final Continuation continuation = new Continuation(new CurrentThreadTaskExecutor(), s -> status = s,
            () -> 10);

    @Test
    void lastSecondsKeepsTheEndOfEveryChannel() {
        int rate = 100;
        float[] left = new float[3 * rate];
        float[] right = new float[3 * rate];
        for (int i = 0; i < left.length; i++) {
            left[i] = i;
            right[i] = -i;
        }
        AudioClip clip = new AudioClip(new float[][] {left, right}, rate);
        AudioClip end = Continuation.lastSeconds(clip, 1);
        assertEquals(rate, end.numFrames());
        assertEquals(2, end.numChannels());
        assertEquals(200f, end.channel(0)[0]);
        assertEquals(-299f, end.channel(1)[rate - 1]);
        assertSame(clip, Continuation.lastSeconds(clip, 3), "a clip that fits is kept whole");
    }

    @Test
    void aLongFileIsCutToItsLastThirtySeconds() throws IOException {
        int rate = 2000;
        float[] samples = new float[40 * rate];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i < 10 * rate ? 0f : 0.5f; // the first ten seconds are silent: they must be the cut part
        }
        Path wav = dir.resolve("long idea.wav");
        WavWriter.write(AudioClip.mono(samples, rate), wav, 16);

        continuation.continueFrom(wav);

        assertEquals(wav, continuation.fileProperty().get());
        assertEquals(Continuation.MAX_SECONDS, continuation.secondsProperty().get(), 1e-9);
        assertEquals(30 * rate, continuation.clip().numFrames());
        assertEquals(0.5f, continuation.clip().channel(0)[0], 1e-3f);
        assertEquals("Continuing long idea.wav (30 s): Generate adds 10 s after it", status);
    }

    @Test
    void anUnreadableFileIsReportedAndClearForgetsTheAudio() throws IOException {
        Path wav = dir.resolve("idea.wav");
        WavWriter.write(AudioClip.mono(new float[8000], 16_000), wav, 16);
        continuation.continueFrom(wav);
        assertEquals("Continuing idea.wav (0.5 s): Generate adds 10 s after it", status);

        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "not audio");
        continuation.continueFrom(text);
        assertTrue(status.startsWith("Can't continue notes.wav: "), status);
        assertEquals(wav, continuation.fileProperty().get(), "a failed read keeps what was being continued");

        continuation.clear();
        assertNull(continuation.fileProperty().get());
        assertNull(continuation.clip());
        assertEquals(0, continuation.secondsProperty().get());
    }
}
