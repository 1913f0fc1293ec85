package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;

/** {@code info}: what a model is. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model folder.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (MusicModel m = model.load()) {
            ModelConfig c = m.config();
            out.printf("model        %s (%s)%n", c.id(), c.name());
            out.printf("folder       %s%n", m.folder().toAbsolutePath());
            out.printf("hash         %s%n", m.hash());
            out.printf("audio        %d Hz, %d channel(s)%n", c.sampleRate(), c.channels());
            out.printf("codes        %d codebooks x %d entries, %.1f frames/s (hop %d), %.2f kbit/s%n",
                    c.codebooks(), c.codebookSize(), c.frameRate(), c.hopLength(),
                    c.quantizer().bitsPerFrame() * c.frameRate() / 1000);
            out.printf("quantizer    %s, dimension %d%n", c.quantizer().kind().toUpperCase(), c.quantizer().dimension());
            out.printf("codec        SEANet: %d filters, ratios %s, latent %d, LSTM layers %d, %s padding%n",
                    c.codec().filters(), c.codec().ratios(), c.codec().dimension(), c.codec().lstmLayers(),
                    c.codec().padMode());
            var spectral = c.codec().spectralDecoder();
            if (spectral != null) {
                out.printf("decoder      spectral (inverse STFT): %d blocks x %d channels (feed-forward %d), "
                        + "window %d samples%n", spectral.layers(), spectral.hidden(), spectral.intermediate(),
                        spectral.fftSize(c.hopLength()));
            }
            out.printf("parameters   %,d%n", m.codec().parameterCount());
            out.printf("weights      %s%n", m.weightStorage() == studio.codebook.engine.model.WeightStorage.COMPACT
                    ? "compact (8-bit, model pack)" : "float32");
            Provenance p = c.provenance();
            if (p != null) {
                out.printf("created      %s by %s%n", p.createdAt(), p.createdBy());
                out.printf("seed         %d, training steps %d%n", p.seed(), p.steps());
                if (p.baseModel() != null) {
                    out.printf("based on     %s%n", p.baseModel());
                }
                if (p.data() != null) {
                    out.printf("data         %s%n", p.data());
                }
                p.hyperparameters().forEach((k, v) -> out.printf("  %-20s %s%n", k, v));
                p.metrics().forEach((k, v) -> out.printf("  %-20s %.4f%n", k, v));
                if (p.notes() != null) {
                    out.printf("notes        %s%n", p.notes());
                }
            }
        }
        return 0;
    }
}
