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

    @Test
    void anInstalledAppStartsItsOwnLauncherWithTheArgumentsOnly() throws IOException {
        // the launcher is no java executable: JVM options or -cp would reach the program as arguments
        Path launcher = executable(temp.resolve("opt/codebook-studio/bin/codebook-studio"));
        Optional<List<String>> command = NativeSafety.relaunchCommand(launcher.toString(),
                temp.resolve("opt/codebook-studio/lib/runtime"), List.of("-Dai.djl.offline=true", "-Xmx2g"),
                "/opt/codebook-studio/lib/app/codebook-studio.jar", List.of("generate", "a calm piano"));
        assertEquals(Optional.of(List.of(launcher.toString(), "generate", "a calm piano")), command);
    }

    @Test
    void withoutArgumentsTheLauncherGetsNoneSoTheWindowOpens() throws IOException {
        Path launcher = executable(temp.resolve("bin/codebook-studio"));
        assertEquals(Optional.of(List.of(launcher.toString())),
                NativeSafety.relaunchCommand(launcher.toString(), temp, List.of("-Xmx2g"), "x.jar", List.of()));
    }

    @Test
    void aPlainJvmRestartsJavaFromItsOwnRuntime() throws IOException {
        Path home = temp.resolve("jdk");
        Path java = executable(home.resolve("bin/java"));
        Optional<List<String>> command = NativeSafety.relaunchCommand(null, home, List.of("-Xmx2g"), "a.jar:b.jar",
                List.of("--version"));
        assertEquals(Optional.of(List.of(java.toString(), "-Xmx2g", "-Dcodebook.relaunch=false", "-cp", "a.jar:b.jar",
                Main.class.getName(), "--version")), command);
    }

    @Test
    void nothingToStartMeansNoRestart() {
        assertTrue(NativeSafety.relaunchCommand(null, temp.resolve("no-runtime"), List.of(), "a.jar", List.of())
                .isEmpty());
        assertTrue(NativeSafety.relaunchCommand(temp.resolve("missing-launcher").toString(), temp, List.of(), "a.jar",
                List.of()).isEmpty());
    }
}
