package studio.codebook.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CodesFile;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.engine.stats.CodeReport;
import studio.codebook.engine.stats.CodeStatistics;

/**
 * {@code analyze}: how a model's codebooks are used and how dependent they are, over one or more audio
 * files (or codes files from {@code encode}).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Per-codebook entropy and usage, the mutual-information matrix and total correlation "
                + "of the codes of audio files (or CODES.json files).")
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "Audio files or codes files (.json).")
    List<Path> inputs;

    @Mixin
    ModelOption model;

    @Option(names = "--offset", paramLabel = "D", split = ",",
            description = "Extra frame offsets for the MI matrix (same frame and delay alignment are always shown).")
    List<Integer> offsets = new ArrayList<>();

    @Option(names = "--groups", defaultValue = "4", paramLabel = "G",
            description = "Groups per codebook for the coarse-grained total correlation (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public Integer call() throws Exception {
        if (groups < 2 || groups > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--groups must be 2..64, not " + groups);
        }
        List<Codes> clips = new ArrayList<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        String modelId;
        List<Path> audio = new ArrayList<>();
        for (Path input : inputs) {
            if (input.getFileName().toString().toLowerCase().endsWith(".json")) {
                CodesFile file = CodesFile.read(input);
                clips.add(file.codes());
                sources.put(input.toString(), Map.of("frames", file.codes().numFrames(), "model", file.modelId()));
            } else {
                audio.add(input);
            }
        }
        if (!audio.isEmpty()) {
            try (MusicModel m = model.load()) {
                modelId = m.config().id();
                for (Path input : audio) {
                    Codes codes = m.codec().encode(AudioReader.read(input));
                    clips.add(codes);
                    sources.put(input.toString(), Map.of("frames", codes.numFrames(), "model", modelId));
                }
            }
        }
        int k = clips.get(0).numCodebooks();
        int size = clips.get(0).codebookSize();
        for (Codes c : clips) {
            if (c.numCodebooks() != k || c.codebookSize() != size) {
                throw new IllegalArgumentException("the inputs come from different models (" + k + " x " + size
                        + " codes and " + c.numCodebooks() + " x " + c.codebookSize() + ")");
            }
        }
        CodeStatistics stats = CodeStatistics.of(clips);
        List<Alignment> alignments = new ArrayList<>(List.of(Alignment.sameFrame(), Alignment.delayPattern()));
        for (int d : offsets) {
            if (d != 0) {
                alignments.add(Alignment.frameOffset(d));
            }
        }
        CodeReport report = stats.report(alignments, Math.min(groups, size));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("inputs", sources);
            document.put("report", report);
            out.println(JSON.writeValueAsString(document));
        } else {
            out.print(report.toText());
            out.flush();
        }
        return 0;
    }
}
