package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudioReaderTest {

    static Stream<Arguments> fixtures() {
        // name, channels, rate, frames, frequencies per channel
        return Stream.of(
                Arguments.of("sine440_16k_u8.wav", 1, 16000, 8000, new double[] {440}),
                Arguments.of("sine440_16k_s16.wav", 1, 16000, 8000, new double[] {440}),
                Arguments.of("sine440_16k_s24.wav", 1, 16000, 8000, new double[] {440}),
                Arguments.of("sine440_16k_s32.wav", 1, 16000, 4000, new double[] {440}),
                Arguments.of("sine440_16k_f32.wav", 1, 16000, 4000, new double[] {440}),
                Arguments.of("sine440_8k_f64.wav", 1, 8000, 2000, new double[] {440}),
                Arguments.of("sine440l_660r_22k_s16.wav", 2, 22050, 5512, new double[] {440, 660}),
                Arguments.of("sine440_550_660_16k_3ch.wav", 3, 16000, 4000, new double[] {440, 550, 660}),
                Arguments.of("sine440_16k_s16.flac", 1, 16000, 8000, new double[] {440}),
                Arguments.of("sine440_16k_s24.flac", 1, 16000, 8000, new double[] {440}),
                Arguments.of("sine440l_660r_22k_s16.flac", 2, 22050, 5512, new double[] {440, 660}),
                Arguments.of("sine440_16k.mp3", 1, 16000, Signals.sourceFrames("sine440_16k.mp3"), new double[] {440}),
                Arguments.of("sine440_44k_stereo.mp3", 2, 44100, Signals.sourceFrames("sine440_44k_stereo.mp3"), new double[] {440, 440}),
                Arguments.of("sine440_16k.ogg", 1, 16000, Signals.sourceFrames("sine440_16k.ogg"), new double[] {440}),
                Arguments.of("sine440_44k_stereo.ogg", 2, 44100, Signals.sourceFrames("sine440_44k_stereo.ogg"), new double[] {440, 440}),
                Arguments.of("sine440_550_660_16k_3ch.ogg", 3, 16000, Signals.sourceFrames("sine440_550_660_16k_3ch.ogg"), new double[] {440, 550, 660}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesEveryFixtureToTheRightShapeLengthAndPitch(String name, int channels, int rate, int frames,
            double[] hz) throws IOException {
        AudioClip clip = AudioReader.read(Signals.fixture(name));

        assertEquals(channels, clip.numChannels(), "channels");
        assertEquals(rate, clip.sampleRate(), "rate");
        assertEquals(frames, clip.numFrames(), "frames");
        for (int c = 0; c < channels; c++) {
            double f = Signals.dominantFrequency(clip.channel(c), rate);
            assertEquals(hz[c], f, 2.0, "frequency of channel " + c);
        }
        double peak = Loudness.peakDbfs(clip);
        assertTrue(peak > -7.5 && peak < -4.5, "a half-scale sine peaks near -6 dBFS, not " + peak);
    }

    @Test
    void integerWavsOfEveryDepthDecodeToTheSameSignal() throws IOException {
        float[] s16 = AudioReader.read(Signals.fixture("sine440_16k_s16.wav")).channel(0);
        float[] s24 = AudioReader.read(Signals.fixture("sine440_16k_s24.wav")).channel(0);
        float[] u8 = AudioReader.read(Signals.fixture("sine440_16k_u8.wav")).channel(0);
        float[] f32 = AudioReader.read(Signals.fixture("sine440_16k_f32.wav")).channel(0);
        // sox's float and integer synthesis drift apart slowly (1e-5 after 4000 samples): compare the start.
        for (int i = 0; i < 1000; i++) {
            assertEquals(s24[i], s16[i], 1.0 / 32768, "16 vs 24-bit at " + i);
            assertEquals(s24[i], u8[i], 1.0 / 128, "8 vs 24-bit at " + i);
            assertEquals(s24[i], f32[i], 1e-6, "float vs 24-bit at " + i);
        }
    }

    @Test
    void flacDecodesBitExactlyAgainstTheWavItWasMadeFrom() throws IOException {
        for (String base : new String[] {"sine440_16k_s16", "sine440_16k_s24", "sine440l_660r_22k_s16"}) {
            AudioClip wav = AudioReader.read(Signals.fixture(base + ".wav"));
            AudioClip flac = AudioReader.read(Signals.fixture(base + ".flac"));
            for (int c = 0; c < wav.numChannels(); c++) {
                assertArrayEquals(wav.channel(c), flac.channel(c), base + " channel " + c);
            }
        }
    }

    @Test
    void gaplessMp3IsAlignedWithItsSourceSampleForSample() throws IOException {
        // Trimming the wrong number of samples would shift the sine: the best lag must be 0.
        float[] source = AudioReader.read(Signals.fixture("sine440_16k_s16.wav")).channel(0);
        float[] mp3 = AudioReader.read(Signals.fixture("sine440_16k.mp3")).channel(0);
        int bestLag = 0;
        double best = -2;
        for (int lag = -40; lag <= 40; lag++) {
            double r = Signals.correlation(source, mp3, lag, 1000, 7000);
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        assertEquals(0, bestLag, "lag of the decoded MP3 against its source");
        assertTrue(best > 0.99, "correlation " + best);
    }

    @Test
    void mp3WithoutGaplessInfoDecodesUntrimmed() throws IOException {
        AudioClip clip = AudioReader.read(Signals.fixture("sine440_16k_notag.mp3"));
        assertEquals(0, clip.numFrames() % 576, "whole MPEG-2 layer III frames");
        assertTrue(clip.numFrames() > 8000 + 576, "encoder delay and padding kept: " + clip.numFrames());
        assertEquals(440, Signals.dominantFrequency(clip.channel(0), 16000), 2.0);
    }
}
