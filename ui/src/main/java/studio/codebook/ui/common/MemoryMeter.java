package studio.codebook.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory the process uses: the Java heap, and the resident set (which includes libtorch's native
 * tensors) from {@code /proc/self/status} where the system has it. Cheap enough to read every second.
 */
public final class MemoryMeter {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryMeter() {}

    /**
     * One reading.
     *
     * @param heapBytes Java heap in use
     * @param residentBytes the process's resident set, or -1 where the system does not say
     */
    public record Reading(long heapBytes, long residentBytes) {

        /** "RSS 812 MB · heap 143 MB", or "heap 143 MB" without a resident figure. */
        public String describe() {
            String heap = "heap " + megabytes(heapBytes);
            return residentBytes < 0 ? heap : "RSS " + megabytes(residentBytes) + " · " + heap;
        }

        private static String megabytes(long bytes) {
            return (bytes + (1 << 19)) / (1 << 20) + " MB";
        }
    }

    public static Reading read() {
        Runtime rt = Runtime.getRuntime();
        return new Reading(rt.totalMemory() - rt.freeMemory(), residentBytes());
    }

    /** VmRSS of this process in bytes, or -1. */
    static long residentBytes() {
        try {
            return parseResident(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long parseResident(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
