package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codebook.engine.audio.WavWriter.BitDepth;

class WavWriterTest {

    @TempDir
    Path dir;

    private static AudioClip randomClip(long seed, int channels, int frames, int rate) {
        Random random = new Random(seed);
        float[][] x = new float[channels][frames];
        for (float[] ch : x) {
            for (int i = 0; i < frames; i++) {
                ch[i] = (float) (random.nextGaussian() * 0.4); // some samples beyond ±1: clipped
            }
        }
        return new AudioClip(x, rate);
    }

    @ParameterizedTest
    @EnumSource(BitDepth.class)
    void roundTripIsBitExactForRandomClips(BitDepth depth) throws IOException {
        Random seeds = new Random(2024);
        for (int trial = 0; trial < 20; trial++) {
            int channels = 1 + seeds.nextInt(6);
            int frames = seeds.nextInt(3000);
            int rate = 8000 + seeds.nextInt(90_000);
            AudioClip clip = randomClip(seeds.nextLong(), channels, frames, rate);
            Path file = dir.resolve("t" + trial + ".wav");
            WavWriter.write(clip, file, depth);
            AudioClip read = AudioReader.read(file);

            assertEquals(channels, read.numChannels());
            assertEquals(frames, read.numFrames());
            assertEquals(rate, read.sampleRate());
            double scale = 1 << (depth.bits() - 1);
            for (int c = 0; c < channels; c++) {
                float[] in = clip.channel(c);
                float[] out = read.channel(c);
                for (int i = 0; i < frames; i++) {
                    double q = Math.max(-scale, Math.min(scale - 1, Math.rint(in[i] * scale)));
                    assertEquals((float) (q / scale) + 0f, out[i], "trial " + trial + " ch " + c + " at " + i);
                }
            }
            assertArrayEquals(Files.readAllBytes(file), WavWriter.encode(read, depth), "write(read(f)) == f");
        }
    }

    @Test
    void writingWhatWasReadReproducesSoxsSixteenBitFileByteForByte() throws IOException {
        Path fixture = Signals.fixture("sine440_16k_s16.wav");
        assertArrayEquals(Files.readAllBytes(fixture), WavWriter.encode(AudioReader.read(fixture), BitDepth.PCM_16));
    }

    @Test
    void clipsAndRoundsToTheNearestStep() throws IOException {
        float step = 1f / 32768;
        float[] x = {1.5f, 1f, -1f, -1.5f, 0.5f * step, 1.5f * step, -2.5f * step, 0.49f * step, Float.NaN,
            Float.POSITIVE_INFINITY};
        Path file = dir.resolve("clip.wav");
        WavWriter.write(AudioClip.mono(x, 8000), file, BitDepth.PCM_16);
        float[] y = AudioReader.read(file).channel(0);
        float[] expected = {32767 * step, 32767 * step, -1f, -1f, 0, 2 * step, -2 * step, 0, 0, 32767 * step};
        assertArrayEquals(expected, y);
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("mix.wav");
        Files.writeString(file, "an older version");
        AudioClip clip = randomClip(1, 2, 1001, 44100); // odd data size: a pad byte
        WavWriter.write(clip, file, BitDepth.PCM_24);
        assertEquals(2, AudioReader.read(file).numChannels());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the final file remains");
        }
    }
}
