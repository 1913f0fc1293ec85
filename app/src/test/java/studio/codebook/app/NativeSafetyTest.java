package studio.codebook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSafetyTest {

    @TempDir
    Path temp;

    private Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static List<String> expected(String java, String... args) {
        List<String> out = new java.util.ArrayList<>(List.of(java, "-Djpackage.app-path=/opt/codebook-studio/bin/codebook-studio",
                "-Dcodebook.relaunch=false", "-cp", "/opt/codebook-studio/lib/app/codebook-studio.jar",
                Main.class.getName()));
        out.addAll(List.of(args));
        return out;
    }

    private static final List<String> LAUNCHER_OPTIONS = List.of("-Djpackage.app-path=/opt/codebook-studio/bin/codebook-studio");
    private static final String CLASS_PATH = "/opt/codebook-studio/lib/app/codebook-studio.jar";

    @Test
    void anInstalledAppRestartsTheJavaOfItsOwnRuntimeNotTheLauncher() throws IOException {
        // the launcher reads its configuration again unless it knows it was started by its own app: bin/java
        // takes the JVM options and class path as they are
        Path runtime = temp.resolve("opt/codebook-studio/lib/runtime");
        Path java = executable(runtime.resolve("bin/java"));
        Optional<List<String>> command = NativeSafety.relaunchCommand(runtime, "/opt/codebook-studio/bin/codebook-studio",
                LAUNCHER_OPTIONS, CLASS_PATH, List.of("generate", "a calm piano"));
        assertEquals(Optional.of(expected(java.toString(), "generate", "a calm piano")), command);
    }

    @Test
    void withoutArgumentsTheChildGetsNoneSoTheWindowOpens() throws IOException {
        Path runtime = temp.resolve("runtime");
        Path java = executable(runtime.resolve("bin/java"));
        assertEquals(Optional.of(expected(java.toString())),
                NativeSafety.relaunchCommand(runtime, null, LAUNCHER_OPTIONS, CLASS_PATH, List.of()));
    }

    @Test
    void aRuntimeWithoutJavaFallsBackToTheRunningExecutable() {
        Optional<List<String>> command = NativeSafety.relaunchCommand(temp.resolve("stripped-runtime"),
                "/opt/codebook-studio/bin/codebook-studio", LAUNCHER_OPTIONS, CLASS_PATH, List.of("--version"));
        assertEquals(Optional.of(expected("/opt/codebook-studio/bin/codebook-studio", "--version")), command);
    }

    @Test
    void nothingToStartMeansNoRestart() {
        assertTrue(NativeSafety.relaunchCommand(temp.resolve("no-runtime"), null, List.of(), "a.jar", List.of())
                .isEmpty());
    }
}
