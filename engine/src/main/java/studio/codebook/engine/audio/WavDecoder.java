package studio.codebook.engine.audio;

import static studio.codebook.engine.audio.AudioFormatException.Kind.CORRUPT;
import static studio.codebook.engine.audio.AudioFormatException.Kind.TRUNCATED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.UNSUPPORTED;

import java.nio.file.Path;

/**
 * RIFF/RF64 WAVE: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count and rate. Unknown chunks are skipped (with their pad byte
 * when odd-sized). A data chunk size of 0 or 0xFFFFFFFF (written by programs that stream and never come
 * back to fix the header) means "to the end of the file". A data chunk that claims more bytes than the
 * file holds is an error, never silently decoded in part.
 */
final class WavDecoder implements AudioDecoder {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits, int containerBytes) {
    }

    @Override
    public AudioClip decode(Path file, byte[] b, int offset) throws AudioFormatException {
        if (b.length < 12) {
            throw new AudioFormatException(file, TRUNCATED, "the file ends inside its WAV header (" + b.length + " bytes)");
        }
        boolean rf64 = !AudioFileType.startsWith(b, 0, "RIFF");
        long rf64DataSize = -1;
        Format format = null;
        int pos = 12;
        while (true) {
            if (pos + 8 > b.length) {
                throw new AudioFormatException(file, TRUNCATED, format == null
                        ? "the file ends before its format chunk; it was probably cut short while copying"
                        : "the file ends before its audio data; it was probably cut short while copying");
            }
            String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = u32(b, pos + 4);
            int body = pos + 8;
            switch (id) {
                case "fmt " -> {
                    if (body + Math.min(size, 16) > b.length) {
                        throw new AudioFormatException(file, TRUNCATED, "the file ends inside its format chunk");
                    }
                    format = parseFormat(file, b, body, size);
                }
                case "ds64" -> {
                    if (body + 16 > b.length) {
                        throw new AudioFormatException(file, TRUNCATED, "the file ends inside its RF64 size chunk");
                    }
                    rf64DataSize = u32(b, body + 8) | (u32(b, body + 12) << 32);
                }
                case "data" -> {
                    if (format == null) {
                        throw new AudioFormatException(file, CORRUPT, "the audio data comes before the format chunk, so its format is unknown");
                    }
                    long available = b.length - body;
                    if (rf64 && size == UNKNOWN_SIZE && rf64DataSize >= 0) {
                        size = rf64DataSize;
                    } else if (size == UNKNOWN_SIZE || (size == 0 && headerNeverFinished(b, body))) {
                        size = available; // streamed: the writer never came back to fill in the sizes
                    }
                    if (size > available) {
                        throw new AudioFormatException(file, TRUNCATED, String.format(
                                "the file is cut short: its header promises %.2f s of audio but only %.2f s are there",
                                seconds(size, format), seconds(available, format)));
                    }
                    return samples(file, b, body, (int) size, format);
                }
                default -> {
                    // LIST, fact, cue, bext, JUNK, ...: not needed to decode
                }
            }
            long next = (long) body + size + (size & 1);
            if (next > b.length) {
                throw new AudioFormatException(file, TRUNCATED, "the file ends inside its '" + id.trim()
                        + "' chunk, before the audio data; it was probably cut short while copying");
            }
            pos = (int) next;
        }
    }

    /** A RIFF size of 0, 0xFFFFFFFF or too small to reach the data chunk: the writer streamed. */
    private static boolean headerNeverFinished(byte[] b, int dataBody) {
        long riffSize = u32(b, 4);
        return riffSize == 0 || riffSize == UNKNOWN_SIZE || riffSize + 8 <= dataBody;
    }

    private static double seconds(long bytes, Format f) {
        return (double) (bytes / f.blockAlign) / f.sampleRate;
    }

    private static Format parseFormat(Path file, byte[] b, int at, long size) throws AudioFormatException {
        if (size < 16) {
            throw new AudioFormatException(file, CORRUPT, "its format chunk is too short (" + size + " bytes)");
        }
        int tag = u16(b, at);
        int channels = u16(b, at + 2);
        long rate = u32(b, at + 4);
        int blockAlign = u16(b, at + 12);
        int bits = u16(b, at + 14);
        if (tag == EXTENSIBLE) {
            if (size < 40 || at + 40 > b.length) {
                throw new AudioFormatException(file, CORRUPT, "its extensible format chunk is too short (" + size + " bytes)");
            }
            tag = u16(b, at + 24); // the first two bytes of the sub-format GUID are the format tag
        }
        if (tag != PCM && tag != IEEE_FLOAT) {
            throw new AudioFormatException(file, UNSUPPORTED, "its audio is encoded as " + tagName(tag)
                    + ", which is not supported; convert it to PCM WAV or FLAC");
        }
        if (channels == 0 || rate == 0 || rate > 10_000_000) {
            throw new AudioFormatException(file, CORRUPT, "its header says " + channels + " channels at " + rate + " Hz");
        }
        int container = blockAlign % channels == 0 ? blockAlign / channels : 0;
        if (container * 8 < bits || container == 0) {
            container = (bits + 7) / 8;
            blockAlign = container * channels;
        }
        boolean supported = tag == PCM ? container >= 1 && container <= 4 && bits >= 1
                : (container == 4 && bits == 32) || (container == 8 && bits == 64);
        if (!supported) {
            throw new AudioFormatException(file, UNSUPPORTED, bits + "-bit " + (tag == PCM ? "integer" : "float")
                    + " samples are not supported; use 8, 16, 24 or 32-bit PCM or 32/64-bit float");
        }
        return new Format(tag, channels, (int) rate, blockAlign, bits, container);
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case 2 -> "Microsoft ADPCM";
            case 6 -> "A-law";
            case 7 -> "µ-law";
            case 0x11 -> "IMA ADPCM";
            case 0x55 -> "MP3";
            default -> String.format("format 0x%04X", tag);
        };
    }

    private static AudioClip samples(Path file, byte[] b, int at, int size, Format f) throws AudioFormatException {
        int frames = size / f.blockAlign; // a partial last frame (a sloppy writer) is dropped
        if ((long) frames * f.channels > PcmBuffer.MAX_SAMPLES) {
            throw new AudioFormatException(file, UNSUPPORTED, "it is too long to load at once; split it into shorter files");
        }
        float[][] out = new float[f.channels][frames];
        int bytes = f.containerBytes;
        for (int i = 0; i < frames; i++) {
            int p = at + i * f.blockAlign;
            for (int c = 0; c < f.channels; c++, p += bytes) {
                out[c][i] = sample(b, p, bytes, f.tag);
            }
        }
        if (f.tag == IEEE_FLOAT) {
            for (float[] ch : out) {
                for (float v : ch) {
                    if (!Float.isFinite(v)) {
                        throw new AudioFormatException(file, CORRUPT, "its float samples include NaN or infinity");
                    }
                }
            }
        }
        return new AudioClip(out, f.sampleRate);
    }

    private static float sample(byte[] b, int p, int bytes, int tag) {
        if (tag == IEEE_FLOAT) {
            if (bytes == 4) {
                return Float.intBitsToFloat((int) u32(b, p));
            }
            return (float) Double.longBitsToDouble(u32(b, p) | (u32(b, p + 4) << 32));
        }
        return switch (bytes) {
            case 1 -> ((b[p] & 0xFF) - 128) / 128f;
            case 2 -> (short) u16(b, p) / 32768f;
            case 3 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608f;
            default -> (float) ((int) u32(b, p) / 2147483648.0);
        };
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | ((b[p + 1] & 0xFFL) << 8) | ((b[p + 2] & 0xFFL) << 16) | ((b[p + 3] & 0xFFL) << 24);
    }
}
