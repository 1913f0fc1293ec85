package studio.codebook.ui.dependence;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The audio files of a folder, recursively, in a fixed order. A file counts as audio by its extension:
 * the formats the engine decodes, and a few it recognises but cannot decode (so they are reported as
 * skipped rather than silently ignored). Links are not followed; other files (sidecars, images) are ignored.
 */
final class AudioFolder {

    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "aif",
            "aiff", "m4a", "aac");

    private AudioFolder() {
    }

    /** The audio files under {@code folder}, sorted by path. */
    static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isAudioName(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    static boolean isAudioName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
