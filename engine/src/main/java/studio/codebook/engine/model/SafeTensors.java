package studio.codebook.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to its dtype, shape and byte range, an optional {@code __metadata__} map of
 * strings, then the raw bytes.
 *
 * <p>Our own parser rather than DJL's, because a model file is untrusted input: the header length is
 * bounded by the file size before it is read, every tensor's byte range must lie inside the data, match
 * its shape and dtype exactly and not overlap another, and nothing is allocated from a size the file
 * claims until that claim has been checked against the file's real length.
 */
public final class SafeTensors {

    /** Header limit (the format's reference implementation uses 100 MB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Element types this project reads. */
    public enum DType {
        F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I8(1), U8(1), BOOL(1);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /**
     * One tensor.
     *
     * @param dtype element type
     * @param shape dimensions (empty for a scalar)
     * @param data little-endian bytes, exactly {@code elements × dtype.bytes}
     */
    public record Tensor(DType dtype, long[] shape, ByteBuffer data) {

        /** The number of elements. */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /**
         * The values as floats (F32, F16, BF16, F64 and integers converted; an I8 tensor gives its raw
         * values, see {@link CompactTensors#decode} for the scaled ones).
         */
        public float[] toFloats() {
            ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int n = Math.toIntExact(elements());
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype) {
                    case F32 -> b.getFloat(i * 4);
                    case F64 -> (float) b.getDouble(i * 8);
                    case F16 -> Float.intBitsToFloat(halfToFloatBits(b.getShort(i * 2)));
                    case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                    case I64 -> b.getLong(i * 8);
                    case I32 -> b.getInt(i * 4);
                    case I8 -> b.get(i);
                    case U8, BOOL -> b.get(i) & 0xff;
                };
            }
            return out;
        }

        /** A float32 tensor. */
        public static Tensor ofFloats(float[] values, long[] shape) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Tensor(DType.F32, shape.clone(), b);
        }
    }

    /**
     * The content of a file.
     *
     * @param tensors by name, in the file's order
     * @param metadata the {@code __metadata__} strings
     */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private SafeTensors() {}

    /** Reads a whole file, validating everything; throws {@link ModelFileException} naming the file. */
    public static Content read(Path file) throws ModelFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new ModelFileException(file, size == 0 ? "the weights file is empty"
                        : "the weights file is truncated (" + size + " bytes, not even a header)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0, file);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
                throw new ModelFileException(file, "not a safetensors file (header length " + headerLength + ")");
            }
            if (8 + headerLength > size) {
                throw new ModelFileException(file, "the weights file is truncated (header of " + headerLength
                        + " bytes, file of " + size + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8, file);
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new ModelFileException(file, "not a safetensors file (its header is not JSON)");
            }
            if (root == null || !root.isObject()) {
                throw new ModelFileException(file, "not a safetensors file (its header is not a JSON object)");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("__metadata__")) {
                    readMetadata(file, field.getValue(), metadata);
                } else {
                    entries.add(parseEntry(file, field.getKey(), field.getValue(), dataLength));
                }
            }
            checkNoOverlap(file, entries);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = ByteBuffer.allocate((int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, data, dataStart + e.begin, file);
                tensors.put(e.name, new Tensor(e.dtype, e.shape, data.rewind()));
            }
            return new Content(tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the weights file is missing");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read the weights file (" + e.getMessage() + ")", e);
        }
    }

    /** Writes tensors (sorted by name, as other tools do) and metadata atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Tensor t = e.getValue();
            long bytes = t.elements() * t.dtype().bytes();
            if (t.data().remaining() != bytes) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " holds " + t.data().remaining()
                        + " bytes, its shape needs " + bytes);
            }
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", t.dtype().name());
            ArrayNode shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            ArrayNode offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        AtomicWrite.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded);
            out.write(length.array());
            out.write(headerBytes);
            byte[] chunk = new byte[1 << 16];
            for (Tensor t : sorted.values()) {
                ByteBuffer d = t.data().duplicate();
                while (d.hasRemaining()) {
                    int n = Math.min(chunk.length, d.remaining());
                    d.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
        });
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataLength) throws ModelFileException {
        if (!node.isObject()) {
            throw new ModelFileException(file, "tensor '" + name + "' has no description");
        }
        JsonNode dtypeNode = node.get("dtype");
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode == null ? "" : dtypeNode.asText());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "tensor '" + name + "' has an unsupported dtype "
                    + (dtypeNode == null ? "(none)" : dtypeNode.asText()));
        }
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray() || offsetsNode == null || !offsetsNode.isArray()
                || offsetsNode.size() != 2) {
            throw new ModelFileException(file, "tensor '" + name + "' lacks a shape or data offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new ModelFileException(file, "tensor '" + name + "' has an invalid shape " + shapeNode);
            }
            shape[i] = d.asLong();
            elements = multiplyBounded(elements, shape[i], dataLength + 1);
        }
        long begin = offsetsNode.get(0).asLong(-1);
        long end = offsetsNode.get(1).asLong(-1);
        if (!offsetsNode.get(0).isIntegralNumber() || !offsetsNode.get(1).isIntegralNumber()
                || begin < 0 || end < begin) {
            throw new ModelFileException(file, "tensor '" + name + "' has invalid data offsets " + offsetsNode);
        }
        if (end > dataLength) {
            throw new ModelFileException(file, "the weights file is truncated (tensor '" + name + "' ends at byte "
                    + end + " of " + dataLength + ")");
        }
        if (elements * dtype.bytes() != end - begin) {
            throw new ModelFileException(file, "tensor '" + name + "' holds " + (end - begin)
                    + " bytes but its shape " + shapeNode + " of " + dtype + " needs " + elements * dtype.bytes());
        }
        if (end - begin > Integer.MAX_VALUE - 16) {
            throw new ModelFileException(file, "tensor '" + name + "' is too large (" + (end - begin) + " bytes)");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long multiplyBounded(long a, long b, long limit) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (a > limit / b) {
            return limit;
        }
        return a * b;
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) throws ModelFileException {
        if (!node.isObject()) {
            throw new ModelFileException(file, "the __metadata__ of the weights file is not a map of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(file, "the __metadata__ of the weights file is not a map of strings");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    private static void checkNoOverlap(Path file, List<Entry> entries) throws ModelFileException {
        List<Entry> byStart = new ArrayList<>(entries);
        byStart.sort((a, b) -> Long.compare(a.begin, b.begin));
        for (int i = 1; i < byStart.size(); i++) {
            Entry prev = byStart.get(i - 1);
            Entry cur = byStart.get(i);
            if (cur.begin < prev.end) {
                throw new ModelFileException(file, "tensors '" + prev.name + "' and '" + cur.name + "' overlap");
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new ModelFileException(file, "the weights file is truncated");
            }
            pos += n;
        }
    }

    /** IEEE half to float bits, with subnormals, infinities and NaN. */
    static int halfToFloatBits(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            if (mant == 0) {
                return sign;
            }
            int e = -1;
            do {
                e++;
                mant <<= 1;
            } while ((mant & 0x400) == 0);
            mant &= 0x3ff;
            return sign | ((127 - 15 - e) << 23) | (mant << 13);
        }
        if (exp == 31) {
            return sign | 0x7f800000 | (mant << 13);
        }
        return sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
}
