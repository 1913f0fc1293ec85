package studio.codebook.engine.audio;

import static studio.codebook.engine.audio.AudioFormatException.Kind.CORRUPT;
import static studio.codebook.engine.audio.AudioFormatException.Kind.EMPTY;
import static studio.codebook.engine.audio.AudioFormatException.Kind.MISLABELLED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.NOT_AUDIO;
import static studio.codebook.engine.audio.AudioFormatException.Kind.TRUNCATED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads WAV, FLAC, MP3 and Ogg Vorbis files into {@link AudioClip}s. The format is recognised from the
 * content; the extension is only checked against it, so that "take1.mp3" holding a WAV gets a message
 * telling the user to rename it rather than a decoder error. Every failure is an
 * {@link AudioFormatException} naming the file; a decoder library's runtime exception never escapes.
 */
public final class AudioReader {

    /** Larger files cannot be held in one Java array; no music file of ours comes near. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private static final Map<AudioFileType, AudioDecoder> DECODERS = Map.of(
            AudioFileType.WAV, new WavDecoder(),
            AudioFileType.FLAC, new FlacDecoder(),
            AudioFileType.MP3, new Mp3Decoder(),
            AudioFileType.OGG_VORBIS, new VorbisDecoder());

    private AudioReader() {
    }

    /**
     * Decodes a whole file.
     *
     * @throws AudioFormatException when the file is empty, cut short, damaged, mislabelled, not audio or
     *     of an unsupported variant
     * @throws IOException when the file cannot be read at all (missing, no permission)
     */
    public static AudioClip read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new AudioFormatException(file, EMPTY, "the file is empty (0 bytes)");
        }
        if (size > MAX_FILE_BYTES) {
            throw new AudioFormatException(file, UNSUPPORTED, "the file is too large to load (" + size / (1 << 20)
                    + " MiB); split it into shorter files");
        }
        return decode(file, Files.readAllBytes(file));
    }

    /** Decodes bytes already in memory; {@code file} names them in messages and its extension is checked. */
    public static AudioClip decode(Path file, byte[] content) throws AudioFormatException {
        if (content.length == 0) {
            throw new AudioFormatException(file, EMPTY, "the file is empty (0 bytes)");
        }
        AudioFileType named = AudioFileType.byExtension(file);
        AudioFileType.Sniffed sniffed = AudioFileType.sniff(content);
        if (sniffed == null) {
            throw unrecognised(file, content, named);
        }
        AudioFileType actual = sniffed.type();
        String ext = AudioFileType.extensionOf(file);
        if (named != null && !actual.hasExtension(ext)) {
            throw new AudioFormatException(file, MISLABELLED, "named ." + ext + " but the content is "
                    + actual.description() + (actual.decodable() ? "; rename it to ." + actual.extension()
                    : ", which is not supported; convert it to WAV or FLAC"));
        }
        if (!actual.decodable()) {
            throw new AudioFormatException(file, UNSUPPORTED, "it is " + actual.description()
                    + ", which is not supported; convert it to WAV or FLAC");
        }
        try {
            return DECODERS.get(actual).decode(file, content, sniffed.offset());
        } catch (AudioFormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Decoder libraries throw index and state errors on damaged input.
            throw new AudioFormatException(file, CORRUPT, "the " + actual.description().replaceFirst("^an? ", "")
                    + " is damaged (" + e + ")", e);
        }
    }

    private static AudioFormatException unrecognised(Path file, byte[] content, AudioFileType named) {
        AudioFileType cut = AudioFileType.truncatedSignature(content);
        if (cut != null) {
            return new AudioFormatException(file, TRUNCATED, "the file is cut short (" + content.length
                    + " bytes): it ends inside its " + cut.description().replaceFirst("^an? ", "").replace(" file", "")
                    + " header");
        }
        String what = AudioFileType.looksLikeText(content) ? "the content is text, not audio" : null;
        if (named == null) {
            return new AudioFormatException(file, NOT_AUDIO, (what != null ? what : "not an audio file this app can read")
                    + " (readable formats: WAV, FLAC, MP3, Ogg Vorbis)");
        }
        String expected = switch (named) {
            case WAV -> "no RIFF/WAVE header";
            case FLAC -> "no fLaC signature";
            case MP3 -> "no frame sync in the first 64 KiB";
            case OGG_VORBIS, OGG_OTHER -> "no OggS page";
            default -> "no " + named.extension().toUpperCase(java.util.Locale.ROOT) + " header";
        };
        return new AudioFormatException(file, NOT_AUDIO, "not " + named.description() + " ("
                + (what != null ? what : expected) + ")");
    }
}
