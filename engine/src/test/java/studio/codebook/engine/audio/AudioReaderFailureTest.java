package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.codebook.engine.audio.AudioFormatException.Kind;

/** Broken, cut, random, empty and mislabelled files: each gives a typed error naming the file, quickly. */
class AudioReaderFailureTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    static Stream<String> audioFixtures() {
        return Stream.of("sine440_16k_u8.wav", "sine440_16k_s16.wav", "sine440_16k_s24.wav", "sine440_16k_f32.wav",
                "sine440_8k_f64.wav", "sine440_550_660_16k_3ch.wav", "sine440_16k_s16.flac", "sine440_16k_s24.flac",
                "sine440l_660r_22k_s16.flac", "sine440_16k.mp3", "sine440_44k_stereo.mp3", "sine440_16k_notag.mp3",
                "sine440_16k.ogg", "sine440_44k_stereo.ogg", "sine440_550_660_16k_3ch.ogg");
    }

    private AudioFormatException failure(Path file) {
        return assertTimeoutPreemptively(LIMIT, () -> assertThrows(AudioFormatException.class, () -> AudioReader.read(file)));
    }

    private AudioFormatException failure(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        AudioFormatException e = failure(file);
        assertTrue(e.getMessage().startsWith(name + ": "), "message names the file: " + e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    @ParameterizedTest
    @MethodSource("audioFixtures")
    void aFileCutAnywhereIsReportedAsTruncatedOrCorrupt(String name) throws IOException {
        byte[] whole = Files.readAllBytes(Signals.fixture(name));
        // A trailing ID3v1 tag (128 bytes) is not audio: a cut inside it loses nothing (tested below).
        int end = AudioFileType.startsWith(whole, whole.length - 128, "TAG") ? whole.length - 128 : whole.length;
        // Odd offsets, so that no cut falls on an MP3 frame boundary (which leaves a valid, shorter file).
        int[] cuts = {1, 3, 8, 30, 101, end / 3 + 5, end / 2 + 7, end - 99, end - 1};
        for (int cut : cuts) {
            AudioFormatException e = failure("cut-" + name, Arrays.copyOf(whole, cut));
            assertTrue(Set.of(Kind.TRUNCATED, Kind.CORRUPT).contains(e.kind()),
                    "cut at " + cut + " of " + whole.length + ": " + e.kind() + ": " + e.getMessage());
        }
    }

    @Test
    void aCutInsideTheTrailingId3v1TagLosesNoAudio() throws IOException {
        byte[] whole = Files.readAllBytes(Signals.fixture("sine440_16k.mp3"));
        assertTrue(AudioFileType.startsWith(whole, whole.length - 128, "TAG"));
        Path file = dir.resolve("cut-tag.mp3");
        Files.write(file, Arrays.copyOf(whole, whole.length - 100));
        assertEquals(8000, AudioReader.read(file).numFrames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"noise.wav", "noise.flac", "noise.mp3", "noise.ogg", "noise.bin", "noise"})
    void randomBytesAreNotAudio(String name) throws IOException {
        byte[] noise = new byte[20_000];
        new Random(name.hashCode()).nextBytes(noise);
        AudioFormatException e = failure(name, noise);
        assertEquals(Kind.NOT_AUDIO, e.kind(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sine440_16k_s16.flac", "sine440_16k_s24.flac", "sine440_16k.mp3", "sine440_44k_stereo.mp3",
        "sine440_16k_notag.mp3", "sine440_16k.ogg", "sine440_44k_stereo.ogg"})
    void aCompressedFileWhoseSecondHalfIsNoiseIsCorrupt(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(Signals.fixture(name));
        Random random = new Random(42);
        for (int i = bytes.length / 2; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        AudioFormatException e = failure("damaged-" + name, bytes);
        assertTrue(Set.of(Kind.CORRUPT, Kind.TRUNCATED).contains(e.kind()), e.kind() + ": " + e.getMessage());
    }

    @Test
    void aWavWhoseSamplesAreNoiseStillDecodesBecausePcmHasNoChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(Signals.fixture("sine440_16k_s16.wav"));
        Random random = new Random(7);
        for (int i = 44; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        Path file = dir.resolve("noisy.wav");
        Files.write(file, bytes);
        AudioClip clip = AudioReader.read(file);
        assertEquals(8000, clip.numFrames());
    }

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        AudioFormatException e = failure("silence.wav", new byte[0]);
        assertEquals(Kind.EMPTY, e.kind());
        assertEquals("silence.wav: the file is empty (0 bytes)", e.getMessage());
    }

    @Test
    void aTextFileNamedWavIsNotAudio() throws IOException {
        AudioFormatException e = failure("notes.wav", "Verse 1: play it slower\nChorus: louder\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.NOT_AUDIO, e.kind());
        assertEquals("notes.wav: not a WAV file (the content is text, not audio)", e.getMessage());
    }

    @Test
    void aWavNamedMp3IsMislabelledAndTheMessageSaysHowToFixIt() throws IOException {
        AudioFormatException e = failure("take1.mp3", Files.readAllBytes(Signals.fixture("sine440_16k_s16.wav")));
        assertEquals(Kind.MISLABELLED, e.kind());
        assertEquals("take1.mp3: named .mp3 but the content is a WAV file; rename it to .wav", e.getMessage());
    }

    @Test
    void otherMislabellings() throws IOException {
        assertEquals(Kind.MISLABELLED, failure("a.wav", Files.readAllBytes(Signals.fixture("sine440_16k_s16.flac"))).kind());
        assertEquals(Kind.MISLABELLED, failure("b.flac", Files.readAllBytes(Signals.fixture("sine440_16k.mp3"))).kind());
        AudioFormatException e = failure("c.mp3", Files.readAllBytes(Signals.fixture("sine440_16k.ogg")));
        assertEquals("c.mp3: named .mp3 but the content is an Ogg Vorbis file; rename it to .ogg", e.getMessage());
    }

    @Test
    void aFileWithoutAKnownExtensionIsDecodedByContent() throws IOException {
        for (String name : new String[] {"sine440_16k.mp3", "sine440_16k_s16.flac", "sine440_16k.ogg", "sine440_16k_s16.wav"}) {
            Path file = dir.resolve("download-" + name.hashCode() + ".bin");
            Files.copy(Signals.fixture(name), file);
            assertEquals(8000, AudioReader.read(file).numFrames(), name);
            Path bare = dir.resolve("bare" + name.hashCode());
            Files.copy(Signals.fixture(name), bare);
            assertEquals(8000, AudioReader.read(bare).numFrames(), name);
        }
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError() {
        Path missing = dir.resolve("nope.wav");
        IOException e = assertThrows(IOException.class, () -> AudioReader.read(missing));
        assertTrue(!(e instanceof AudioFormatException));
    }

    @Test
    void unsupportedFormatsSaySo() throws IOException {
        byte[] aiff = "FORM\0\0\0\u0004AIFFCOMM".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Kind.UNSUPPORTED, failure("song.aiff", aiff).kind());
        assertEquals(Kind.MISLABELLED, failure("song.wav", aiff).kind());
    }
}
