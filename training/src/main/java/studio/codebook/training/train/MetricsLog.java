package studio.codebook.training.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * {@code metrics.jsonl} in the run folder: one JSON object per line, flushed as it is written, with a
 * {@code type} of "step", "validation", "checkpoint" or "end". A resumed run appends, so steps after the
 * last checkpoint of an interrupted segment appear twice: the later line is the one that counts.
 * Non-finite values are written as the strings "NaN" / "Infinity".
 */
public final class MetricsLog implements AutoCloseable {

    public static final String FILE = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    public MetricsLog(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        this.out = Files.newBufferedWriter(runDir.resolve(FILE), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public synchronized void write(String type, int step, Map<String, ?> values) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("step", step);
        node.put("time", Instant.now().toString());
        for (Map.Entry<String, ?> e : values.entrySet()) {
            node.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
