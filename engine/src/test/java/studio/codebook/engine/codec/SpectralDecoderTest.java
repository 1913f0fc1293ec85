package studio.codebook.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpectralDecoderTest {

    private static final SeanetConfig CODEC = CodecTestSupport.tiny("reflect", 0, List.of(2, 4));
    private static final SpectralDecoderConfig SIZE = new SpectralDecoderConfig(12, 20, 2, 3, 4, true);

    @Test
    void makesHopSamplesPerFrameFromItsSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray latent = manager.create(CodecTestSupport.randomFloats(new Random(1), 2 * 6 * 5), new Shape(2, 6, 5));
            float[] a = run(manager, CODEC, 7, latent);
            float[] b = run(manager, CODEC, 7, latent);
            float[] c = run(manager, CODEC, 8, latent);
            assertEquals(2 * 5 * 8, a.length);
            assertArrayEquals(a, b, 0f);
            assertFalse(Arrays.equals(a, c));
            SeanetConfig stereo = new SeanetConfig(2, 6, 4, List.of(2, 4), 7, 7, 3, 1, 2, 2, 0, true, "reflect", true);
            assertEquals(2 * 2 * 5 * 8, run(manager, stereo, 7, latent).length);
        }
    }

    @ParameterizedTest
    @CsvSource({"true, 8", "true, 5", "false, 5", "false, 3"})
    void eachBinIsAContinuousSinusoidAtItsCentreFrequency(boolean predictPhase, int bin) {
        SpectralDecoderConfig size = SIZE.withPredictPhase(predictPhase);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpectralDecoder decoder = new SpectralDecoder(CODEC, size, 3);
            CodecTestSupport.init(decoder, manager, new Shape(1, 6, 9));
            int hop = CODEC.hopLength();
            int n = size.fftSize(hop);
            int bins = size.bins(hop);
            int outputs = size.headOutputs(hop);
            // the head ignores the body; its bias says: magnitude 2 at one bin (log 2), e^-30 elsewhere, offset 0
            CodecTestSupport.set(decoder, "head_weight", new float[outputs * size.hidden()]);
            float[] bias = new float[outputs];
            Arrays.fill(bias, 0, bins, -30f);
            bias[bin] = (float) Math.log(2);
            CodecTestSupport.set(decoder, "head_bias", bias);
            float[] audio = CodecTestSupport.forward(decoder, manager,
                    manager.create(CodecTestSupport.randomFloats(new Random(4), 6 * 9), new Shape(1, 6, 9))).toFloatArray();
            assertEquals(9 * hop, audio.length);
            // the reference phase carries the sinusoid from frame to frame, so it is one cosine over the clip; where
            // all 4 frames overlap the Hann windows sum to 2 and their squares to 1.5
            double theta = SpectralDecoder.startingPhases(bins)[bin];
            for (int s = n / 2; s < audio.length - n / 2; s++) {
                double expected = 2 * 2.0 / n * Math.cos(2 * Math.PI * bin * (s + n / 2.0) / n + theta) * 2 / 1.5;
                assertEquals(expected, audio[s], 1e-5, "sample " + s);
            }
        }
    }

    @Test
    void theBinsStartOutOfStepSoNoiseStaysNoise() {
        // every bin at the same magnitude: with all starting phases equal this is a click every overlap frames
        SpectralDecoderConfig size = SIZE.withPredictPhase(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpectralDecoder decoder = new SpectralDecoder(CODEC, size, 3);
            CodecTestSupport.init(decoder, manager, new Shape(1, 6, 40));
            int bins = size.bins(CODEC.hopLength());
            CodecTestSupport.set(decoder, "head_weight", new float[bins * size.hidden()]);
            CodecTestSupport.set(decoder, "head_bias", new float[bins]);
            float[] audio = CodecTestSupport.forward(decoder, manager,
                    manager.create(new float[6 * 40], new Shape(1, 6, 40))).toFloatArray();
            double peak = 0;
            double power = 0;
            int n = size.fftSize(CODEC.hopLength());
            for (int s = n; s < audio.length - n; s++) {
                peak = Math.max(peak, Math.abs(audio[s]));
                power += audio[s] * audio[s];
            }
            double crest = peak / Math.sqrt(power / (audio.length - 2 * n));
            assertTrue(crest < 0.6 * Math.sqrt(bins), "crest factor " + crest + " of " + bins + " bins in step");
        }
        double[] theta = SpectralDecoder.startingPhases(17);
        assertEquals(0, theta[0]);
        assertEquals(0, theta[16]);
        assertArrayEquals(theta, SpectralDecoder.startingPhases(17));
    }

    @Test
    void aNewDecoderPredictingPhaseStartsAtTheReferencePhase() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpectralDecoder decoder = new SpectralDecoder(CODEC, SIZE, 3);
            CodecTestSupport.init(decoder, manager, new Shape(1, 6, 4));
            int bins = SIZE.bins(CODEC.hopLength());
            float[] head = decoder.getParameters().get("head_weight").getArray().toFloatArray();
            int h = SIZE.hidden();
            assertTrue(IntStream.range(0, bins * h).anyMatch(i -> head[i] != 0f));
            assertTrue(IntStream.range(bins * h, 2 * bins * h).allMatch(i -> head[i] == 0f));
        }
    }

    @Test
    void refusesALatentOfAnotherDimensionAndBadSizes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpectralDecoder decoder = new SpectralDecoder(CODEC, SIZE, 3);
            assertThrows(IllegalArgumentException.class, () -> decoder.initialize(manager,
                    ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 5, 4)));
        }
        assertThrows(IllegalArgumentException.class, () -> new SpectralDecoderConfig(8, 8, 1, 4, 4, false));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDecoderConfig(8, 8, 1, 3, 3, false));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDecoderConfig(0, 8, 1, 3, 4, false));
    }

    @Test
    void aCodecWithASpectralDecoderDecodesLongAudioInChunksAsWhole() {
        SeanetConfig config = CODEC.withSpectralDecoder(SIZE);
        try (CompressionModel codec = CompressionModel.create(config,
                studio.codebook.engine.quantize.QuantizerConfig.rvq(2, 16, 6), 8_000, ai.djl.Device.cpu(), 5)) {
            float[] x = CodecTestSupport.randomFloats(new Random(9), 8 * 40);
            studio.codebook.engine.audio.AudioClip clip = studio.codebook.engine.audio.AudioClip.mono(x, 8_000);
            Codes codes = codec.encode(clip);
            float[] whole = codec.decode(codes, 2).channel(0);
            codec.setChunking(9, 3); // chunk starts 6, 15, 24…: aligned down to multiples of 4 for the phase
            assertArrayEquals(whole, codec.decode(codes, 2).channel(0), 1e-5f);
            assertEquals(40 * 8, whole.length);
        }
    }

    private static float[] run(NDManager manager, SeanetConfig codec, long seed, NDArray latent) {
        SpectralDecoder decoder = new SpectralDecoder(codec, SIZE, seed);
        CodecTestSupport.init(decoder, manager, latent.getShape());
        return CodecTestSupport.forward(decoder, manager, latent).toFloatArray();
    }
}
