package studio.codebook.engine.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import studio.codebook.engine.FuzzProperty;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link AudioReader#decode}, one target per format, each seeded with
 * the audio fixtures of that format (and the reproducers of what it found) in
 * {@code src/test/resources/studio/codebook/engine/audio/AudioReaderFuzzTestInputs/<target>/}. Under
 * {@code mvn verify} the targets run over those inputs only (regression); with {@code JAZZER_FUZZ=1} Jazzer
 * mutates them (README: "Fuzzing").
 *
 * <p>For any bytes, decoding:
 * <ul>
 *   <li>returns a clip or throws {@link AudioFormatException}, nothing else: no other exception, no
 *   OutOfMemoryError or StackOverflowError;</li>
 *   <li>never wraps an unchecked exception thrown by our own parsing (WAV chunks, FLAC metadata walk, MPEG
 *   frame headers, Xing/LAME tag, Ogg page setup): the net in {@code AudioReader} is for the decoder
 *   libraries' (jflac, jlayer, jorbis) errors only;</li>
 *   <li>gives a clip with at least one channel, a positive rate and finite samples;</li>
 *   <li>allocates no more than a fixed 16 MiB plus 64 bytes per input byte and 8 bytes per decoded sample:
 *   a header claiming 2^31 samples must be refused, not allocated for;</li>
 *   <li>takes at most 10 s ({@link Timeout}, which Jazzer turns into libFuzzer's per-input timeout).</li>
 * </ul>
 * The file name gives the extension the content is checked against, so each target stays in its decoder.
 */
class AudioReaderFuzzTest {

    private static final long BASE_BUDGET = 16L << 20;

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void wav(byte[] data) {
        decode("fuzz.wav", data);
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void flac(byte[] data) {
        decode("fuzz.flac", data);
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mp3(byte[] data) {
        decode("fuzz.mp3", data);
    }

    @FuzzTest(maxDuration = "4m", maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void ogg(byte[] data) {
        decode("fuzz.ogg", data);
    }

    static void decode(String name, byte[] data) {
        AudioClip clip = FuzzProperty.check("decoding " + data.length + " bytes",
                () -> AudioReader.decode(Path.of(name), data),
                c -> BASE_BUDGET + 64L * data.length + (c == null ? 0 : 8L * c.numChannels() * c.numFrames()),
                AudioFormatException.class);
        if (clip != null) {
            checkClip(clip);
        }
    }

    private static void checkClip(AudioClip clip) {
        if (clip.numChannels() < 1 || clip.sampleRate() <= 0) {
            throw new AssertionError("decoded a clip with " + clip.numChannels() + " channels at "
                    + clip.sampleRate() + " Hz");
        }
        for (int c = 0; c < clip.numChannels(); c++) {
            float[] samples = clip.channel(c);
            for (int i = 0; i < samples.length; i++) {
                if (!Float.isFinite(samples[i])) {
                    throw new AssertionError("decoded sample " + i + " of channel " + c + " is " + samples[i]);
                }
            }
        }
    }
}
