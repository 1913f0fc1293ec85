package studio.codebook.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.training.report.ChartImage;
import studio.codebook.training.report.MetricsCurves;
import studio.codebook.training.report.Series;

/** {@code plot curves} and {@code plot bars}: the PNG figures of docs/results.md, from runs and reports. */
@Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Draw PNG charts from training runs (metrics.jsonl) or evaluation reports (JSON).",
        subcommands = {PlotCommand.Curves.class, PlotCommand.Bars.class})
final class PlotCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "curves", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "One metric of several runs over training steps, e.g. the reconstruction loss of the three "
                    + "codecs of the experiment.")
    static final class Curves implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--run", required = true, paramLabel = "NAME=RUN_DIR",
                description = "A run folder (with metrics.jsonl) and its legend name; repeat for several.")
        Map<String, Path> runs = new LinkedHashMap<>();

        @Option(names = "--metric", required = true, paramLabel = "NAME", description = "Metric to draw, e.g. reconstruction, mmd, loss.")
        String metric;

        @Option(names = "--validation", description = "Draw the validation records instead of the training steps.")
        boolean validation;

        @Option(names = "--smooth", defaultValue = "1", paramLabel = "N", description = "Moving average over N points (default 1: none).")
        int smooth;

        @Option(names = "--log", description = "Logarithmic y axis.")
        boolean log;

        @Option(names = "--title", paramLabel = "TEXT") String title;

        @Option(names = "--width", defaultValue = "900") int width;

        @Option(names = "--height", defaultValue = "500") int height;

        @Option(names = "--out", required = true, paramLabel = "FILE.png") Path out;

        @Override
        public Integer call() throws IOException {
            List<Series> series = new ArrayList<>();
            for (Map.Entry<String, Path> run : runs.entrySet()) {
                series.add(MetricsCurves.read(run.getValue().resolve("metrics.jsonl"), validation ? "validation" : "step",
                        metric, run.getKey()).smoothed(smooth));
            }
            String t = title != null ? title : metric + (validation ? " (validation)" : "");
            ChartImage.writePng(ChartImage.lines(t, "step", metric, series, log, width, height), out);
            spec.commandLine().getOut().printf("wrote %s%n", out);
            return 0;
        }
    }

    @Command(name = "bars", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Grouped bars of values picked from JSON reports with JSON pointers, e.g. total correlation "
                    + "(same-frame and delay) of the three codecs.")
    static final class Bars implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--report", required = true, paramLabel = "CATEGORY=REPORT.json",
                description = "A report and the name of its group of bars; repeat for several.")
        Map<String, Path> reports = new LinkedHashMap<>();

        @Option(names = "--value", required = true, paramLabel = "SERIES=/json/pointer",
                description = "A bar in every group: the value at this JSON pointer in each report; repeat for several.")
        Map<String, String> values = new LinkedHashMap<>();

        @Option(names = "--title", required = true, paramLabel = "TEXT") String title;

        @Option(names = "--y-label", defaultValue = "", paramLabel = "TEXT") String yLabel;

        @Option(names = "--width", defaultValue = "900") int width;

        @Option(names = "--height", defaultValue = "500") int height;

        @Option(names = "--out", required = true, paramLabel = "FILE.png") Path out;

        @Override
        public Integer call() throws IOException {
            List<String> categories = new ArrayList<>(reports.keySet());
            List<String> names = new ArrayList<>(values.keySet());
            double[][] v = new double[names.size()][categories.size()];
            for (int c = 0; c < categories.size(); c++) {
                Path file = reports.get(categories.get(c));
                JsonNode report = JSON.readTree(file.toFile());
                for (int s = 0; s < names.size(); s++) {
                    JsonNode node = report.at(values.get(names.get(s)));
                    if (!node.isNumber()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), file + " has no number at "
                                + values.get(names.get(s)));
                    }
                    v[s][c] = node.asDouble();
                }
            }
            ChartImage.writePng(ChartImage.bars(title, yLabel, categories, names, v, width, height), out);
            spec.commandLine().getOut().printf("wrote %s%n", out);
            return 0;
        }
    }
}
