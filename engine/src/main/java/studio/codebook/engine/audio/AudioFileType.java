package studio.codebook.engine.audio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The audio file formats we recognise, by extension and by content. Only some are {@link #decodable()};
 * the others are recognised so that the message can say "an AIFF file, which is not supported" rather
 * than "not audio".
 */
enum AudioFileType {
    WAV("a WAV file", true, "wav", "wave"),
    FLAC("a FLAC file", true, "flac"),
    MP3("an MP3 file", true, "mp3", "mp2", "mpga"),
    OGG_VORBIS("an Ogg Vorbis file", true, "ogg", "oga"),
    OGG_OTHER("an Ogg file without Vorbis audio (Opus or FLAC in Ogg)", false, "opus", "ogg", "oga"),
    AIFF("an AIFF file", false, "aif", "aiff", "aifc"),
    MP4("an MP4/AAC file", false, "m4a", "mp4", "aac", "alac");

    /** How far into a file we look for the first MPEG frame. */
    static final int MPEG_SEARCH_WINDOW = 64 * 1024;

    private final String description;
    private final boolean decodable;
    private final List<String> extensions;

    AudioFileType(String description, boolean decodable, String... extensions) {
        this.description = description;
        this.decodable = decodable;
        this.extensions = List.of(extensions);
    }

    /** "a WAV file", for messages. */
    String description() {
        return description;
    }

    boolean decodable() {
        return decodable;
    }

    /** The usual extension, without the dot. */
    String extension() {
        return extensions.get(0);
    }

    boolean hasExtension(String ext) {
        return extensions.contains(ext);
    }

    /** The decodable type the file's extension names, or null for an unknown or missing extension. */
    static AudioFileType byExtension(Path file) {
        String ext = extensionOf(file);
        for (AudioFileType t : values()) {
            if (t.hasExtension(ext)) {
                return t;
            }
        }
        return null;
    }

    static String extensionOf(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** What the content is, and where the stream starts (after an ID3v2 tag, for instance). */
    record Sniffed(AudioFileType type, int offset) {
    }

    /**
     * Recognises the content by its magic bytes. Returns null when the content is none of our types;
     * throws nothing: a short or damaged file is recognised as far as its first bytes allow.
     */
    static Sniffed sniff(byte[] b) {
        int offset = Id3v2.end(b, 0);
        if (startsWith(b, 0, "RIFF") || startsWith(b, 0, "RF64") || startsWith(b, 0, "BW64")) {
            return startsWith(b, 8, "WAVE") ? new Sniffed(WAV, 0) : null;
        }
        if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return new Sniffed(AIFF, 0);
        }
        if (startsWith(b, 4, "ftyp")) {
            return new Sniffed(MP4, 0);
        }
        if (startsWith(b, 0, "OggS")) {
            // The first page's first packet names the codec: byte 26 is the segment count.
            if (b.length < 27 || b.length < 27 + (b[26] & 0xFF) + 7) {
                return new Sniffed(OGG_VORBIS, 0); // cut before the codec is named: let the decoder say so
            }
            int body = 27 + (b[26] & 0xFF);
            boolean vorbis = b[body] == 1 && startsWith(b, body + 1, "vorbis");
            return new Sniffed(vorbis ? OGG_VORBIS : OGG_OTHER, 0);
        }
        if (offset <= b.length && startsWith(b, offset, "fLaC")) {
            return new Sniffed(FLAC, offset);
        }
        if (offset <= b.length) {
            int mpeg = MpegFrameHeader.findStream(b, offset, MPEG_SEARCH_WINDOW);
            if (mpeg >= 0) {
                return new Sniffed(MP3, mpeg);
            }
        }
        return null;
    }

    /**
     * Whether the bytes are the first few bytes of one of our signatures: a file cut short inside its
     * header is reported as truncated, not as "not audio".
     */
    static AudioFileType truncatedSignature(byte[] b) {
        if (b.length >= 12) {
            return startsWith(b, 0, "ID3") && Id3v2.end(b, 0) > b.length ? MP3 : null;
        }
        if (b.length < 4 && (b[0] & 0xFF) == 0xFF && (b.length == 1 || (b[1] & 0xE0) == 0xE0)) {
            return MP3; // the first bytes of an MPEG frame header
        }
        String[][] signatures = {{"RIFF", "WAV"}, {"RF64", "WAV"}, {"fLaC", "FLAC"}, {"OggS", "OGG_VORBIS"}, {"ID3", "MP3"}};
        for (String[] sig : signatures) {
            byte[] magic = sig[0].getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(b.length, magic.length);
            boolean prefix = n > 0;
            for (int i = 0; i < n; i++) {
                prefix &= b[i] == magic[i];
            }
            if (prefix) {
                return valueOf(sig[1]);
            }
        }
        return null;
    }

    /** Whether the content looks like text (a note, a playlist, an HTML error page saved as .mp3). */
    static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 4096);
        if (n == 0) {
            return false;
        }
        int printable = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0xC0) {
                printable++;
            } else if (c == 0) {
                return false;
            }
        }
        return printable >= n * 0.95;
    }

    static boolean startsWith(byte[] b, int at, String magic) {
        if (at < 0 || at + magic.length() > b.length) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[at + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ID3v2 tags, which may sit in front of MP3 and (rarely) FLAC streams. */
    static final class Id3v2 {
        private Id3v2() {
        }

        /** Where the audio after an ID3v2 tag at {@code at} starts ({@code at} when there is no tag). */
        static int end(byte[] b, int at) {
            if (!startsWith(b, at, "ID3") || at + 10 > b.length) {
                return at;
            }
            int size = ((b[at + 6] & 0x7F) << 21) | ((b[at + 7] & 0x7F) << 14) | ((b[at + 8] & 0x7F) << 7) | (b[at + 9] & 0x7F);
            boolean footer = (b[at + 5] & 0x10) != 0;
            return at + 10 + size + (footer ? 10 : 0);
        }
    }
}
