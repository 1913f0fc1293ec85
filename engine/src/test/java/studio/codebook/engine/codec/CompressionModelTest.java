package studio.codebook.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.quantize.QuantizerConfig;

class CompressionModelTest {

    static final SeanetConfig TINY =
            new SeanetConfig(1, 16, 4, List.of(8, 5, 4, 2), 7, 7, 3, 1, 2, 2, 0, true, "reflect", true);

    static CompressionModel model;

    @BeforeAll
    static void create() {
        model = CompressionModel.create(TINY, QuantizerConfig.rvq(4, 64, 16), 16_000, Device.cpu(), 5);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static AudioClip noise(int rate, int channels, int samples, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[channels][samples];
        for (float[] ch : x) {
            for (int i = 0; i < samples; i++) {
                ch[i] = (float) (0.3 * random.nextGaussian());
            }
        }
        return new AudioClip(x, rate);
    }

    @Test
    void decodedLengthFollowsTheFrameCountForAnyInputLength() {
        for (int length : new int[] {1, 2, 319, 320, 321, 967, 16_000, 16_007}) {
            Codes codes = model.encode(noise(16_000, 1, length, length));
            int frames = (length + 319) / 320;
            assertEquals(4, codes.numCodebooks());
            assertEquals(frames, codes.numFrames(), "frames for " + length);
            for (int k = 1; k <= 4; k++) {
                assertEquals(frames * 320, model.decode(codes, k).numFrames());
            }
            assertEquals(length, model.reconstruct(noise(16_000, 1, length, 1), 4).numFrames());
        }
    }

    @Test
    void otherRatesAndChannelsArePreparedFirst() {
        AudioClip stereo44 = noise(44_100, 2, 44_100, 3);
        Codes codes = model.encode(stereo44);
        assertEquals(50, codes.numFrames());
        AudioClip back = model.decode(codes, 4);
        assertEquals(16_000, back.sampleRate());
        assertEquals(1, back.numChannels());
    }

    @Test
    void emptyAudioGivesNoFrames() {
        Codes codes = model.encode(AudioClip.mono(new float[0], 16_000));
        assertEquals(0, codes.numFrames());
        assertEquals(0, model.decode(codes, 4).numFrames());
    }

    @Test
    void chunkedProcessingMatchesWholeClipProcessing() {
        AudioClip clip = noise(16_000, 1, 16_000 * 3 + 123, 9);
        Codes whole = model.encode(clip);
        float[] wholeAudio = model.decode(whole, 4).channel(0);
        try {
            model.setChunking(17, 10);
            Codes chunked = model.encode(clip);
            assertEquals(whole, chunked);
            float[] chunkedAudio = model.decode(chunked, 4).channel(0);
            assertArrayEquals(wholeAudio, chunkedAudio, 1e-5f);
        } finally {
            model.setChunking(CompressionModel.CHUNK_FRAMES, CompressionModel.CONTEXT_FRAMES);
        }
    }

    @Test
    void encodingAndDecodingLeaveNoArraysBehind() {
        // a weight-normalised kernel is computed from parameters, so it lands on the parameters' manager:
        // without the per-chunk NDScope every decode left its kernels there
        try (CompressionModel lstm = CompressionModel.create(
                SeanetConfig.encodecLike(4, 16, List.of(8, 5, 4, 2), 1), QuantizerConfig.rvq(4, 64, 16), 16_000,
                Device.cpu(), 5)) {
            AudioClip clip = noise(16_000, 1, 8000, 2);
            Codes codes = lstm.encode(clip);
            lstm.decode(codes, 4);
            int before = lstm.manager().getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                lstm.decode(lstm.encode(clip), 4);
            }
            assertEquals(before, lstm.manager().getManagedArrays().size());
        }
    }

    @Test
    void fewerCodebooksOrForeignCodesAreRefusedClearly() {
        Codes codes = model.encode(noise(16_000, 1, 3200, 4));
        assertThrows(IllegalArgumentException.class, () -> model.decode(codes, 0));
        assertThrows(IllegalArgumentException.class, () -> model.decode(codes, 5));
        Codes foreign = new Codes(new int[][] {{1, 2, 3}}, 1024, 50);
        assertThrows(IllegalArgumentException.class, () -> model.decode(foreign, 1));
    }
}
