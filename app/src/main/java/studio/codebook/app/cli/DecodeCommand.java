package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.codec.CodesFile;
import studio.codebook.engine.model.MusicModel;

/** {@code decode}: codes to audio. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a codes file into a WAV, optionally with only the first k codebooks.")
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODES.json", description = "Codes file written by encode.")
    Path input;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "OUT.wav", description = "WAV file to write.")
    Path out;

    @Option(names = "--codebooks", paramLabel = "K", description = "Use only the first K codebooks (default: all).")
    Integer codebooks;

    @Option(names = "--bits", defaultValue = "16", paramLabel = "16|24", description = "WAV bit depth (default 16).")
    int bits;

    @Override
    public Integer call() throws Exception {
        if (bits != 16 && bits != 24) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 16 or 24, not " + bits);
        }
        CodesFile file = CodesFile.read(input);
        PrintWriter err = spec.commandLine().getErr();
        try (MusicModel m = model.load()) {
            int available = Math.min(file.codes().numCodebooks(), m.codec().numCodebooks());
            int k = codebooks == null ? available : codebooks;
            if (k < 1 || k > available) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--codebooks must be 1.." + available + ", not " + k);
            }
            if (file.modelId() != null && !file.modelId().equals(m.config().id())) {
                err.printf("warning: %s was encoded by model %s, decoding with %s%n", input.getFileName(),
                        file.modelId(), m.config().id());
            } else if (file.modelHash() != null && m.hash() != null && !file.modelHash().equals(m.hash())) {
                err.printf("warning: %s was encoded by another version of model %s%n", input.getFileName(),
                        file.modelId());
            }
            AudioClip decoded = m.codec().decode(file.codes(), k);
            int length = (int) Math.min(file.samples(), decoded.numFrames());
            float[][] cut = new float[decoded.numChannels()][];
            for (int c = 0; c < cut.length; c++) {
                cut[c] = Arrays.copyOf(decoded.channel(c), length);
            }
            WavWriter.write(new AudioClip(cut, decoded.sampleRate()), out, bits);
            spec.commandLine().getOut().printf("%s: %d of %d codebooks, %.2f s -> %s%n", input.getFileName(), k,
                    file.codes().numCodebooks(), length / (double) decoded.sampleRate(), out);
        }
        return 0;
    }
}
