package studio.codebook.ui.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.codebook.ui.common.PlaybackStream;

class LinePlaybackTest {

    private LinePlayback playback;

    @AfterEach
    void close() {
        if (playback != null) {
            playback.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(2);
        }
    }

    private static float[] ramp(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (i % 200) / 200f - 0.5f;
        }
        return s;
    }

    private static byte[] pcm(float[] s, int from, int to) {
        byte[] out = new byte[(to - from) * 2];
        float[] part = java.util.Arrays.copyOfRange(s, from, to);
        LinePlayback.toPcm16(part, part.length, out);
        return out;
    }

    @Test
    void playsTheSegmentAndThePlayheadFollowsWhatIsHeard() throws InterruptedException {
        FakeOutput out = new FakeOutput(4096);
        playback = new LinePlayback(out, null, Runnable::run);
        float[] s = ramp(16_000);
        playback.play(s, 8_000, 0.5, 1.5, false);
        await(() -> out.written() == 8_000 * 2 || out.buffered() == 4096, "the buffer fills");
        assertEquals(8_000, out.rate);
        assertTrue(out.started);
        assertTrue(playback.playing().get());
        out.consume(2_000);
        await(() -> Math.abs(playback.position().get() - (0.5 + 2_000 / 8_000.0)) < 1e-9, "the playhead moves");
        await(() -> out.consumeAll() && !playback.playing().get(), "the end");
        assertArrayEquals(pcm(s, 4_000, 12_000), out.bytes.toByteArray(), "exactly the segment, in order");
        assertEquals(1.5, playback.position().get(), 1e-9);
    }

    @Test
    void pauseHoldsTheOutputAndResumeContinues() throws InterruptedException {
        FakeOutput out = new FakeOutput(1000);
        playback = new LinePlayback(out, null, Runnable::run);
        float[] s = ramp(10_000);
        playback.play(s, 10_000);
        await(() -> out.buffered() == 1000, "the buffer fills");
        playback.pause();
        assertFalse(playback.playing().get());
        await(() -> !out.started, "the output stops");
        long before = out.written();
        out.consume(500);
        Thread.sleep(30);
        assertEquals(before, out.written(), "nothing is written while paused");
        playback.resume();
        await(() -> out.started, "the output restarts");
        await(() -> out.consumeAll() && !playback.playing().get(), "the end");
        assertArrayEquals(pcm(s, 0, 10_000), out.bytes.toByteArray());
    }

    @Test
    void stopDropsTheBufferAndReturnsTheHeadToTheStart() throws InterruptedException {
        FakeOutput out = new FakeOutput(1000);
        playback = new LinePlayback(out, null, Runnable::run);
        playback.play(ramp(10_000), 10_000, 0.2, 0, false);
        await(() -> out.buffered() == 1000, "the buffer fills");
        playback.stop();
        await(() -> out.rate == 0 && out.buffered() == 0, "the output is closed, its buffer dropped");
        assertFalse(playback.playing().get());
        assertEquals(0.2, playback.position().get(), 1e-9);
        playback.resume();
        Thread.sleep(20);
        assertFalse(playback.playing().get(), "nothing to resume after stop");
    }

    @Test
    void aLoopStartsAgainAtTheSegmentStart() throws InterruptedException {
        FakeOutput out = new FakeOutput(500);
        playback = new LinePlayback(out, null, Runnable::run);
        float[] s = ramp(1_000);
        playback.play(s, 1_000, 0.1, 0.3, true);
        for (int i = 0; i < 3; i++) {
            await(() -> out.buffered() == 500, "the buffer fills");
            out.consume(500);
        }
        byte[] got = out.bytes.toByteArray();
        byte[] once = pcm(s, 100, 300);
        assertTrue(got.length >= 3 * once.length);
        for (int rep = 0; rep < 3; rep++) {
            assertArrayEquals(once, java.util.Arrays.copyOfRange(got, rep * once.length, (rep + 1) * once.length));
        }
        assertTrue(playback.playing().get());
        playback.setLoop(false);
        await(() -> out.consumeAll() && !playback.playing().get(), "the loop ends once looping is off");
    }

    @Test
    void aStreamPlaysWhatArrivesWaitsForMoreAndEndsAfterFinish() throws InterruptedException {
        FakeOutput out = new FakeOutput(100_000);
        playback = new LinePlayback(out, null, Runnable::run);
        PlaybackStream stream = playback.openStream(16_000);
        float[] s = ramp(3_000);
        stream.append(java.util.Arrays.copyOfRange(s, 0, 1_000));
        await(() -> out.written() == 2_000, "the first piece is written");
        out.consume(100_000);
        Thread.sleep(30);
        assertTrue(playback.playing().get(), "waiting for more, still playing");
        stream.append(java.util.Arrays.copyOfRange(s, 1_000, 3_000));
        await(() -> out.written() == 6_000, "the rest is written");
        stream.finish();
        await(() -> out.consumeAll() && !playback.playing().get(), "the end after finish");
        assertArrayEquals(pcm(s, 0, 3_000), out.bytes.toByteArray());
        assertEquals(3_000 / 16_000.0, playback.position().get(), 1e-9);
    }

    @Test
    void aNewPlayReplacesAStream() throws InterruptedException {
        FakeOutput out = new FakeOutput(100_000);
        playback = new LinePlayback(out, null, Runnable::run);
        PlaybackStream stream = playback.openStream(16_000);
        stream.append(ramp(500));
        await(() -> out.written() == 1_000, "the stream plays");
        playback.play(ramp(200), 16_000);
        await(() -> out.opens == 2 && out.written() == 1_400, "the clip replaces it");
        stream.append(ramp(500));
        Thread.sleep(20);
        assertEquals(1_400, out.written(), "the old stream is ignored");
    }

    @Test
    void withoutADeviceNothingPlaysAndTheReasonIsGiven() {
        FakeOutput out = new FakeOutput(1000);
        playback = new LinePlayback(out, "No audio device was found", Runnable::run);
        assertFalse(playback.available());
        assertEquals("No audio device was found", playback.unavailableReason());
        playback.play(ramp(100), 1000);
        PlaybackStream stream = playback.openStream(1000);
        stream.append(ramp(100));
        stream.finish();
        playback.pause();
        playback.resume();
        playback.stop();
        assertFalse(playback.playing().get());
        assertEquals(0, out.rate, "the output is never opened");
    }

    @Test
    void theSystemProbeSaysWhetherALineExists() {
        // With the ALSA null device the ui tests configure (XDG_CONFIG_HOME), a line exists; without any
        // sound card the probe gives a reason instead of throwing.
        java.util.Optional<String> reason = SourceLineOutput.probe();
        boolean hasMixer = javax.sound.sampled.AudioSystem.getMixerInfo().length > 0;
        if (!hasMixer) {
            assertTrue(reason.isPresent() && reason.get().contains("No audio device"), String.valueOf(reason));
        }
        LinePlayback system = LinePlayback.forSystem();
        try {
            assertEquals(reason.isEmpty(), system.available());
            assertEquals(reason.orElse(""), system.unavailableReason());
        } finally {
            system.close();
        }
    }

    @Test
    void playsThroughTheSoundCardToTheEnd() throws InterruptedException {
        assumeTrue(SourceLineOutput.probe().isEmpty(), "no audio line (the ALSA null device is not configured)");
        playback = new LinePlayback(new SourceLineOutput(), null, Runnable::run);
        playback.play(ramp(4_000), 16_000);
        await(() -> !playback.playing().get(), "the clip ends");
        assertEquals(0.25, playback.position().get(), 1e-9);
        assertEquals("", playback.error().get());
        PlaybackStream stream = playback.openStream(16_000);
        stream.append(ramp(1_600));
        stream.finish();
        await(() -> !playback.playing().get(), "the stream ends");
        assertEquals(0.1, playback.position().get(), 1e-9);
    }

    /** An output that plays only when the test says so. */
    static final class FakeOutput implements AudioOutput {
        final int capacity;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile int rate;
        volatile boolean started;
        volatile int flushes;
        volatile int opens;
        private long writtenFrames;
        private long playedFrames;

        FakeOutput(int capacityFrames) {
            this.capacity = capacityFrames;
        }

        synchronized long written() {
            return bytes.size();
        }

        synchronized int buffered() {
            return (int) (writtenFrames - playedFrames);
        }

        /** Plays everything buffered; true (for use in a wait condition). */
        boolean consumeAll() {
            consume(Integer.MAX_VALUE);
            return true;
        }

        /** Plays up to {@code frames} buffered frames (only while started). */
        synchronized void consume(int frames) {
            if (started) {
                playedFrames = Math.min(writtenFrames, playedFrames + frames);
            }
        }

        @Override
        public synchronized void open(int sampleRate) {
            rate = sampleRate;
            opens++;
            started = false;
            writtenFrames = 0;
            playedFrames = 0;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public synchronized int availableFrames() {
            return capacity - buffered();
        }

        @Override
        public synchronized void write(byte[] pcm, int frames) {
            if (frames > availableFrames()) {
                throw new AssertionError("wrote more than available");
            }
            bytes.write(pcm, 0, frames * 2);
            writtenFrames += frames;
        }

        @Override
        public synchronized long playedFrames() {
            return playedFrames;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
            started = false;
        }

        @Override
        public synchronized void flush() {
            writtenFrames = playedFrames;
            flushes++;
        }

        @Override
        public synchronized void close() {
            rate = 0;
            started = false;
            writtenFrames = playedFrames;
        }
    }
}
