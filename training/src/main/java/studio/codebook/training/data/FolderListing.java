package studio.codebook.training.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a library folder, in a fixed order, and which of them are tracks, sidecars and other files.
 * Links are never followed (a link to a folder elsewhere would take the scan, and the training data, out
 * of the folder the user chose); they are listed as skipped.
 */
final class FolderListing {

    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg");
    static final Set<String> SIDECAR_EXTENSIONS = Set.of("txt", "json");

    private final Path root;
    private final List<Path> files;
    private final List<SkippedFile> unreachable;
    /** Sidecars by the folder-and-base-name of the track they belong to, then by extension. */
    private final Map<Path, Map<String, Path>> sidecarsByTrackBase = new HashMap<>();

    private FolderListing(Path root, List<Path> files, List<SkippedFile> unreachable) {
        this.root = root;
        this.files = files;
        this.unreachable = unreachable;
        Set<Path> trackBases = new java.util.HashSet<>();
        for (Path f : files) {
            if (isAudioName(f)) {
                trackBases.add(base(f));
            }
        }
        for (Path f : files) {
            String ext = extension(f);
            if (SIDECAR_EXTENSIONS.contains(ext) && trackBases.contains(base(f))) {
                sidecarsByTrackBase.computeIfAbsent(base(f), b -> new HashMap<>()).put(ext, f);
            }
        }
    }

    /** Lists {@code root} (a real, absolute folder path) recursively. */
    static FolderListing of(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<SkippedFile> unreachable = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isSymbolicLink()) {
                            unreachable.add(new SkippedFile(relative(root, file), -1, SkipKind.UNREADABLE,
                                    name(file) + ": a link; links are not followed, so that only the chosen folder"
                                            + " is read (copy the file into the folder to use it)"));
                        } else if (attrs.isRegularFile()) {
                            files.add(file);
                        } else {
                            unreachable.add(new SkippedFile(relative(root, file), -1, SkipKind.UNREADABLE,
                                    name(file) + ": not a regular file"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        unreachable.add(new SkippedFile(relative(root, file), -1, SkipKind.UNREADABLE,
                                name(file) + ": cannot be read (" + describe(e) + ")"));
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.comparing(f -> relative(root, f)));
        return new FolderListing(root, List.copyOf(files), unreachable);
    }

    /** Regular files, sorted by relative path. */
    List<Path> files() {
        return files;
    }

    /** Links, special files and folders that could not be listed. */
    List<SkippedFile> unreachable() {
        return unreachable;
    }

    String relative(Path file) {
        return relative(root, file);
    }

    /** Whether {@code file} is a .txt or .json with an audio file of the same base name beside it. */
    boolean isSidecar(Path file) {
        Map<String, Path> sidecars = sidecarsByTrackBase.get(base(file));
        return sidecars != null && file.equals(sidecars.get(extension(file)));
    }

    /** The sidecar of {@code track} with extension "txt" or "json", if present. */
    Optional<Path> sidecar(Path track, String ext) {
        return Optional.ofNullable(sidecarsByTrackBase.getOrDefault(base(track), Map.of()).get(ext));
    }

    static boolean isAudioName(Path file) {
        return AUDIO_EXTENSIONS.contains(extension(file));
    }

    /** The lower-case extension, "" when none. */
    static String extension(Path file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path base(Path file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return file.resolveSibling(dot <= 0 ? n : n.substring(0, dot));
    }

    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return switch (type) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "it disappeared during the scan";
            default -> e.getMessage() != null ? e.getMessage() : type;
        };
    }
}
