package studio.codebook.training.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one metric's curve from a run's metrics.jsonl (the "step" or "validation" records). */
public final class MetricsCurves {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsCurves() {
    }

    /**
     * The values of {@code metric} (a field of the record, or of its "metrics" object) by step, in file order, keeping the last record of a step (a resumed run
     * repeats the steps after its checkpoint).
     *
     * @param type "step" for training steps, "validation" for validations
     * @throws IOException if the file cannot be read or has no such metric
     */
    public static Series read(Path metricsJsonl, String type, String metric, String name) throws IOException {
        java.util.TreeMap<Integer, Double> byStep = new java.util.TreeMap<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(metricsJsonl)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line cut by a crash: the log is append-only, the rest is still good
                }
                // validation records keep their figures under "metrics"
                JsonNode value = node.has(metric) ? node.get(metric) : node.path("metrics").get(metric);
                if (!type.equals(node.path("type").asText()) || value == null) {
                    continue;
                }
                byStep.put(node.path("step").asInt(), value.isNumber() ? value.asDouble() : Double.NaN);
            }
        }
        if (byStep.isEmpty()) {
            throw new IOException(metricsJsonl + ": no '" + type + "' records with '" + metric + "' (" + lineNo + " lines)");
        }
        List<Integer> steps = new ArrayList<>(byStep.keySet());
        double[] x = new double[steps.size()];
        double[] y = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i);
            y[i] = byStep.get(steps.get(i));
        }
        return new Series(name, x, y);
    }
}
