package studio.codebook.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CodesFile;
import studio.codebook.engine.model.MusicModel;

/** {@code encode}: audio to codes. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode an audio file (WAV, FLAC, MP3, OGG) into codes (JSON).")
final class EncodeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Audio file.")
    Path input;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "CODES.json", description = "Codes file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        AudioClip clip = AudioReader.read(input);
        try (MusicModel m = model.load()) {
            AudioClip prepared = m.codec().prepare(clip);
            Codes codes = m.codec().encode(prepared);
            CodesFile.of(m.config().id(), m.hash(), input.getFileName().toString(), prepared.sampleRate(),
                    prepared.numFrames(), codes).write(out);
            spec.commandLine().getOut().printf("%s: %d codebooks x %d frames (%.2f s) -> %s%n",
                    input.getFileName(), codes.numCodebooks(), codes.numFrames(), clip.durationSeconds(), out);
        }
        return 0;
    }
}
