package studio.codebook.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryMeterTest {

    @Test
    void residentSizeIsReadFromProcStatus() {
        assertEquals(812_345L * 1024, MemoryMeter.parseResident(List.of("Name:\tjava", "VmPeak:\t 9 kB",
                "VmRSS:\t  812345 kB", "Threads: 3")));
        assertEquals(-1, MemoryMeter.parseResident(List.of("Name:\tjava")));
    }

    @Test
    void aReadingHasTheHeapAndHereTheResidentSet() {
        MemoryMeter.Reading r = MemoryMeter.read();
        assertTrue(r.heapBytes() > 0);
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(r.residentBytes() > r.heapBytes() / 4, r.describe());
            assertTrue(r.describe().matches("RSS \\d+ MB · heap \\d+ MB"), r.describe());
        }
        assertEquals("heap 2 MB", new MemoryMeter.Reading(2 << 20, -1).describe());
    }
}
