package studio.codebook.engine.audio;

import java.util.Arrays;

/** Big-endian bit packing for FLAC frames, with the frame header's CRC-8 and the frame's CRC-16. */
final class FlacBitWriter {

    private byte[] bytes;
    private int length;
    private long accumulator;
    private int pending;

    FlacBitWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Writes the low {@code n} bits of {@code value} (n ≤ 32), most significant first. */
    void bits(long value, int n) {
        if (n == 0) {
            return;
        }
        accumulator = (accumulator << n) | (value & ((1L << n) - 1));
        pending += n;
        while (pending >= 8) {
            pending -= 8;
            put((byte) (accumulator >>> pending));
        }
        accumulator &= (1L << pending) - 1;
    }

    /** {@code q} zeros then a one: the unary part of a Rice code. */
    void unary(long q) {
        while (q >= 32) {
            bits(0, 32);
            q -= 32;
        }
        bits(1, (int) q + 1);
    }

    /** A signed value as {@code n}-bit two's complement. */
    void signed(long value, int n) {
        bits(value, n);
    }

    /** Zero bits up to the next byte boundary. */
    void align() {
        if (pending > 0) {
            bits(0, 8 - pending);
        }
    }

    void bytes(byte[] b) {
        align();
        for (byte x : b) {
            put(x);
        }
    }

    /** Bytes written so far (whole bytes; call {@link #align} first). */
    int length() {
        return length;
    }

    byte[] toByteArray() {
        align();
        return Arrays.copyOf(bytes, length);
    }

    /** The CRC-8 (polynomial x^8 + x^2 + x + 1) of bytes [from, length). */
    int crc8(int from) {
        int crc = 0;
        for (int i = from; i < length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** The CRC-16 (polynomial x^16 + x^15 + x^2 + 1) of bytes [from, length). */
    int crc16(int from) {
        int crc = 0;
        for (int i = from; i < length; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    private void put(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }
}
