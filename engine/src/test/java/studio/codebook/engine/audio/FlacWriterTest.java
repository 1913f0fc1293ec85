package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlacWriterTest {

    @TempDir
    Path dir;

    /** Music-like content (so the predictors have something to predict), noise, silence and clipping. */
    private static AudioClip clip(long seed, int channels, int frames, int rate) {
        Random random = new Random(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            double hz = 80 + random.nextInt(2000);
            double noise = random.nextDouble() * 0.3;
            for (int i = 0; i < frames; i++) {
                double t = (double) i / rate;
                double v = 0.6 * Math.sin(2 * Math.PI * hz * t) + noise * random.nextGaussian();
                if (i > frames / 2 && i < frames / 2 + 5000) {
                    v = 0; // a stretch of silence: CONSTANT subframes
                }
                x[c][i] = (float) (i % 9001 == 7 ? 1.5 : v); // now and then beyond full scale: clipped
            }
        }
        return new AudioClip(x, rate);
    }

    private static void assertSameIntegers(AudioClip expected, AudioClip actual, int bits) {
        assertEquals(expected.numChannels(), actual.numChannels());
        assertEquals(expected.numFrames(), actual.numFrames());
        assertEquals(expected.sampleRate(), actual.sampleRate());
        double scale = 1 << (bits - 1);
        int max = (1 << (bits - 1)) - 1;
        for (int c = 0; c < expected.numChannels(); c++) {
            float[] e = expected.channel(c);
            float[] a = actual.channel(c);
            for (int i = 0; i < e.length; i++) {
                int q = WavWriter.quantize(e[i], scale, -max - 1, max);
                assertEquals(q, Math.round(a[i] * scale), "channel " + c + " sample " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24})
    void decodesBitExactWithJflacForManyShapes(int bits) throws IOException {
        Random seeds = new Random(bits);
        int[][] shapes = {{1, 16_000, 16_000}, {2, 44_100, 30_000}, {1, 48_000, 4096}, {2, 22_050, 1},
            {1, 12_345, 777}, {1, 16_000, 0}, {2, 96_000, 9000}, {1, 100_001, 5000}};
        for (int[] s : shapes) {
            AudioClip clip = clip(seeds.nextLong(), s[0], s[2], s[1]);
            Path file = dir.resolve("t" + bits + "-" + s[0] + "-" + s[1] + "-" + s[2] + ".flac");
            FlacWriter.write(clip, file, bits, Map.of());
            if (s[2] == 0) {
                continue; // the reader rightly refuses a file with no audio; it must still be written
            }
            assertSameIntegers(clip, AudioReader.read(file), bits);
        }
    }

    @Test
    void compressesMusicLikeAudio() {
        float[] x = new float[160_000];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) {
            double t = i / 16_000.0;
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 331 * t)
                    + 0.002 * random.nextGaussian());
        }
        byte[] flac = FlacWriter.encode(AudioClip.mono(x, 16_000), 16, Map.of());
        int wav = 160_000 * 2;
        System.out.printf("FLAC of 10 s of two sines with faint noise: %d bytes, %.0f%% of the WAV data%n",
                flac.length, 100.0 * flac.length / wav);
        assertTrue(flac.length < wav * 0.7, "FLAC larger than PCM: " + flac.length);
    }

    @Test
    void tagsRoundTripThroughVorbisComments() throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AudioTags.TITLE, "warm lo-fi piano — 80 BPM 🎹");
        tags.put(AudioTags.COMMENT, "{\"seed\": 42, \"prompt\": \"a=b\"}");
        tags.put(AudioTags.SOFTWARE, "Codebook Studio test");
        Path file = dir.resolve("tagged.flac");
        FlacWriter.write(clip(1, 1, 5000, 16_000), file, 16, tags);

        assertEquals(tags, AudioTags.read(file));
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("ENCODER=Codebook Studio test"), "SOFTWARE is written as the usual ENCODER field");
        assertEquals(5000, AudioReader.read(file).numFrames());
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24})
    void passesTheReferenceDecodersTest(int bits) throws Exception {
        assumeTrue(onPath("flac"), "the flac command is not installed");
        AudioClip clip = clip(9, 2, 50_000, 44_100);
        Path file = dir.resolve("ref" + bits + ".flac");
        FlacWriter.write(clip, file, bits, Map.of(AudioTags.TITLE, "reference check"));
        Process p = new ProcessBuilder("flac", "-t", "-s", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "flac -t failed (it also checks the MD5 in STREAMINFO): " + output);
        Path decoded = dir.resolve("ref" + bits + ".wav");
        Process d = new ProcessBuilder("flac", "-d", "-s", "-f", "-o", decoded.toString(), file.toString())
                .redirectErrorStream(true).start();
        d.getInputStream().readAllBytes();
        assertEquals(0, d.waitFor());
        assertSameIntegers(clip, AudioReader.read(decoded), bits);
    }

    @Test
    void frameNumbersAndBlockSizeCodesFollowTheSpecification() {
        assertEquals(12, FlacWriter.blockSizeCode(4096));
        assertEquals(1, FlacWriter.blockSizeCode(192));
        assertEquals(6, FlacWriter.blockSizeCode(100));
        assertEquals(7, FlacWriter.blockSizeCode(1000));
        assertEquals(5, FlacWriter.sampleRateCode(16_000));
        assertEquals(13, FlacWriter.sampleRateCode(12_345));
        assertEquals(14, FlacWriter.sampleRateCode(100_000));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Frame numbers from 128 on take two bytes in the frame header. */
    @Test
    void longClipWithMultiByteFrameNumbersDecodes() throws IOException {
        AudioClip clip = clip(5, 1, 4096 * 300 + 10, 16_000);
        Path file = dir.resolve("long.flac");
        FlacWriter.write(clip, file, 16, Map.of());
        assertSameIntegers(clip, AudioReader.read(file), 16);
        assertArrayEquals(new byte[] {'f', 'L', 'a', 'C'}, java.util.Arrays.copyOf(Files.readAllBytes(file), 4));
        assertEquals(List.of(), List.copyOf(AudioTags.read(file).keySet()));
    }
}
