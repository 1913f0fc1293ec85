package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reference cases of {@code shared/reference/mmd_cases.json}, found by walking up from the cwd. */
final class MmdCases {

    static final String RELATIVE = "shared/reference/mmd_cases.json";

    record Case(String name, boolean delay, int[] shape, double[] input, int[][] permutations, int samples,
            double unclamped, double clamped) {}

    final List<Double> sigmas;
    final List<Case> cases;

    private MmdCases(List<Double> sigmas, List<Case> cases) {
        this.sigmas = sigmas;
        this.cases = cases;
    }

    /** Walks up from the working directory to the first folder holding {@value #RELATIVE}. */
    static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        fail("mmd_cases.json not found: no folder from " + start + " upwards contains " + RELATIVE
                + " (CI must check out ../shared beside the clone)");
        return null;
    }

    static MmdCases load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(locate().toFile());
        List<Double> sigmas = new ArrayList<>();
        root.get("sigmas").forEach(v -> sigmas.add(v.asDouble()));
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            List<Double> shapeValues = new ArrayList<>();
            flatten(c.get("shape_BKDT"), shapeValues);
            int[] shape = shapeValues.stream().mapToInt(Double::intValue).toArray();
            List<Double> flat = new ArrayList<>();
            flatten(c.get("input"), flat);
            double[] input = flat.stream().mapToDouble(Double::doubleValue).toArray();
            JsonNode p = c.get("permutations");
            int[][] perms = new int[p.size()][];
            for (int k = 0; k < p.size(); k++) {
                perms[k] = new int[p.get(k).size()];
                for (int i = 0; i < perms[k].length; i++) {
                    perms[k][i] = p.get(k).get(i).asInt();
                }
            }
            cases.add(new Case(c.get("name").asText(), c.get("delay").asBoolean(), shape, input, perms,
                    c.get("samples_N").asInt(), c.get("mmd2_unclamped").asDouble(), c.get("mmd2").asDouble()));
        }
        return new MmdCases(sigmas, cases);
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }
}
