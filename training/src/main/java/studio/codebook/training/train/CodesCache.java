package studio.codebook.training.train;

import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.io.AtomicWrite;
import studio.codebook.training.data.Segment;

/**
 * The codes of a list of segments under a frozen codec, computed once and kept in
 * {@code runDir/codes/<key>.codes}, where the key is a SHA-256 of the weights that make the codes (every
 * parameter of the encoder and the quantizer, EMA codebooks included) and of the segments (track id,
 * caption, samples, in order). A second run — or a resumed one — over the same encoder, quantizer and
 * segments reads the file instead of encoding again; any change to them gives another key. The decoder is
 * left out: a decoder refined on its own (`train decoder`) changes no code, so its LM's cache stays valid.
 *
 * <p>File: the ASCII magic {@code CBCODES1}, then big-endian ints: segment count, K, cardinality, and per
 * segment its frame count T followed by the K × T codes row by row. Written atomically.
 */
public final class CodesCache {

    private static final byte[] MAGIC = "CBCODES1".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param codes per segment, [K][T]
     * @param file where they are cached
     * @param reused whether they were read from the file rather than encoded now
     */
    public record Result(List<int[][]> codes, Path file, boolean reused) {}

    private CodesCache() {}

    /** The codes of {@code segments}, from the cache in {@code dir} or encoded now (and cached). */
    public static Result load(Path dir, CompressionModel codec, List<Segment> segments) throws IOException {
        String key = key(codec, segments);
        Path file = dir.resolve(key + ".codes");
        if (Files.isRegularFile(file)) {
            try {
                return new Result(read(file, segments.size(), codec), file, true);
            } catch (IOException e) {
                // unreadable: encode again and replace it
            }
        }
        JniUtils.setGradMode(false);
        List<int[][]> codes = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            codes.add(codec.encode(new AudioClip(new float[][] {s.samples()}, codec.sampleRate())).codes());
        }
        write(file, codes, codec);
        return new Result(codes, file, false);
    }

    static String key(CompressionModel codec, List<Segment> segments) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            digestParameters(d, "encoder.", codec.block().encoder().getParameters());
            digestParameters(d, "quantizer.", codec.block().quantizer().getParameters());
            ByteBuffer floats = ByteBuffer.allocate(0);
            for (Segment s : segments) {
                d.update(String.valueOf(s.trackId()).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(String.valueOf(s.caption()).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                if (floats.capacity() < s.samples().length * 4) {
                    floats = ByteBuffer.allocate(s.samples().length * 4).order(ByteOrder.LITTLE_ENDIAN);
                }
                floats.clear();
                floats.asFloatBuffer().put(s.samples());
                d.update(floats.array(), 0, s.samples().length * 4);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digestParameters(MessageDigest d, String prefix, PairList<String, Parameter> ps) {
        for (Pair<String, Parameter> p : ps) {
            d.update((prefix + p.getKey()).getBytes(StandardCharsets.UTF_8));
            d.update(p.getValue().getArray().toByteBuffer());
        }
    }

    private static void write(Path file, List<int[][]> codes, CompressionModel codec) throws IOException {
        AtomicWrite.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.write(MAGIC);
            out.writeInt(codes.size());
            out.writeInt(codec.numCodebooks());
            out.writeInt(codec.codebookSize());
            for (int[][] c : codes) {
                out.writeInt(c[0].length);
                for (int[] row : c) {
                    for (int v : row) {
                        out.writeInt(v);
                    }
                }
            }
            out.flush();
        });
    }

    private static List<int[][]> read(Path file, int count, CompressionModel codec) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != count
                    || in.readInt() != codec.numCodebooks() || in.readInt() != codec.codebookSize()) {
                throw new IOException(file + ": not a codes cache for these segments");
            }
            List<int[][]> out = new ArrayList<>(count);
            int k = codec.numCodebooks();
            for (int i = 0; i < count; i++) {
                int frames = in.readInt();
                if (frames < 0 || frames > 100_000_000) {
                    throw new IOException(file + ": corrupt");
                }
                int[][] c = new int[k][frames];
                for (int q = 0; q < k; q++) {
                    for (int t = 0; t < frames; t++) {
                        c[q][t] = in.readInt();
                    }
                }
                out.add(c);
            }
            return out;
        }
    }
}
