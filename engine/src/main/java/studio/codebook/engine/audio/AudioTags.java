package studio.codebook.engine.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Text tags in audio files, under one set of names for both formats: in WAV a {@code LIST/INFO} chunk
 * (TITLE → INAM, COMMENT → ICMT, SOFTWARE → ISFT, ARTIST → IART, DATE → ICRD, GENRE → IGNR; a key that is
 * itself a four-letter INFO id such as {@code IKEY} is written as is; other keys have no place in INFO and
 * are left out), in FLAC a VORBIS_COMMENT block (every key, upper-cased; SOFTWARE as {@code ENCODER}).
 * Text is UTF-8 in both.
 */
public final class AudioTags {

    public static final String TITLE = "TITLE";
    public static final String COMMENT = "COMMENT";
    public static final String SOFTWARE = "SOFTWARE";
    public static final String ARTIST = "ARTIST";
    public static final String DATE = "DATE";
    public static final String GENRE = "GENRE";

    private static final Map<String, String> INFO_IDS = Map.of(TITLE, "INAM", COMMENT, "ICMT", SOFTWARE, "ISFT",
            ARTIST, "IART", DATE, "ICRD", GENRE, "IGNR");
    private static final String VORBIS_SOFTWARE = "ENCODER";

    private AudioTags() {
    }

    /**
     * The tags of a WAV or FLAC file, under the names above (other formats and untagged files: empty).
     * Values of a FLAC field that occurs more than once are joined with a line break.
     */
    public static Map<String, String> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length >= 12 && AudioFileType.startsWith(b, 0, "RIFF") && AudioFileType.startsWith(b, 8, "WAVE")) {
            return readInfo(b);
        }
        if (b.length >= 4 && AudioFileType.startsWith(b, 0, "fLaC")) {
            return readVorbisComment(b);
        }
        return Map.of();
    }

    /** The {@code LIST} chunk (header included) holding {@code tags}, or an empty array when none fit INFO. */
    static byte[] infoChunk(Map<String, String> tags) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("INFO"));
        int written = 0;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String id = infoId(e.getKey());
            if (id == null || e.getValue() == null) {
                continue;
            }
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            int size = text.length + 1; // NUL-terminated
            body.writeBytes(ascii(id));
            body.writeBytes(le32(size));
            body.writeBytes(text);
            body.write(0);
            if ((size & 1) != 0) {
                body.write(0);
            }
            written++;
        }
        if (written == 0) {
            return new byte[0];
        }
        byte[] content = body.toByteArray();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(content.length + 8);
        chunk.writeBytes(ascii("LIST"));
        chunk.writeBytes(le32(content.length));
        chunk.writeBytes(content);
        return chunk.toByteArray();
    }

    /** The body of a FLAC VORBIS_COMMENT block. */
    static byte[] vorbisComment(Map<String, String> tags, String vendor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] v = vendor.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le32(v.length));
        out.writeBytes(v);
        Map<String, String> fields = new LinkedHashMap<>();
        tags.forEach((k, value) -> {
            if (value != null) {
                String key = k.toUpperCase(Locale.ROOT);
                fields.put(key.equals(SOFTWARE) ? VORBIS_SOFTWARE : key, value);
            }
        });
        out.writeBytes(le32(fields.size()));
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!e.getKey().matches("[\\x20-\\x3C\\x3E-\\x7D]+")) {
                throw new IllegalArgumentException("'" + e.getKey() + "' cannot be a FLAC tag name (ASCII without '=')");
            }
            byte[] field = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le32(field.length));
            out.writeBytes(field);
        }
        if (out.size() >= 1 << 24) {
            throw new IllegalArgumentException("the tags are too long for a FLAC file (" + out.size() + " bytes)");
        }
        return out.toByteArray();
    }

    private static String infoId(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        String id = INFO_IDS.get(upper);
        if (id != null) {
            return id;
        }
        return upper.matches("I[A-Z]{3}") ? upper : null;
    }

    private static Map<String, String> readInfo(byte[] b) {
        Map<String, String> out = new LinkedHashMap<>();
        long next = 12;
        while (next + 8 <= b.length) {
            int pos = (int) next;
            long size = u32le(b, pos + 4);
            int body = pos + 8;
            if (AudioFileType.startsWith(b, pos, "LIST") && body + 4 <= b.length
                    && AudioFileType.startsWith(b, body, "INFO")) {
                int end = (int) Math.min(b.length, body + size);
                int at = body + 4;
                while (at + 8 <= end) {
                    String id = new String(b, at, 4, StandardCharsets.US_ASCII);
                    int len = (int) Math.min(u32le(b, at + 4), end - at - 8);
                    int textEnd = at + 8 + len;
                    while (textEnd > at + 8 && b[textEnd - 1] == 0) {
                        textEnd--;
                    }
                    String text = new String(b, at + 8, textEnd - at - 8, StandardCharsets.UTF_8);
                    out.put(nameOfInfo(id), text);
                    at += 8 + len + (len & 1);
                }
            }
            next = body + size + (size & 1);
        }
        return out;
    }

    private static String nameOfInfo(String id) {
        for (Map.Entry<String, String> e : INFO_IDS.entrySet()) {
            if (e.getValue().equals(id)) {
                return e.getKey();
            }
        }
        return id;
    }

    private static Map<String, String> readVorbisComment(byte[] b) {
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 4;
        boolean last = false;
        while (!last && pos + 4 <= b.length) {
            last = (b[pos] & 0x80) != 0;
            int type = b[pos] & 0x7F;
            int length = ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            int body = pos + 4;
            if (body + length > b.length) {
                break;
            }
            if (type == 4) {
                ByteBuffer buf = ByteBuffer.wrap(b, body, length).order(ByteOrder.LITTLE_ENDIAN);
                int vendorLength = buf.getInt();
                buf.position(buf.position() + vendorLength);
                int count = buf.getInt();
                for (int i = 0; i < count && buf.remaining() >= 4; i++) {
                    int len = buf.getInt();
                    if (len < 0 || len > buf.remaining()) {
                        break;
                    }
                    String field = new String(b, buf.position(), len, StandardCharsets.UTF_8);
                    buf.position(buf.position() + len);
                    int eq = field.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = field.substring(0, eq).toUpperCase(Locale.ROOT);
                    key = key.equals(VORBIS_SOFTWARE) ? SOFTWARE : key;
                    out.merge(key, field.substring(eq + 1), (x, y) -> x + "\n" + y);
                }
            }
            pos = body + length;
        }
        return out;
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
