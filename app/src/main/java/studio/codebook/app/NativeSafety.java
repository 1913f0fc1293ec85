package studio.codebook.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure libtorch runs with the settings this project depends on, which must be in the process
 * environment before the native library loads.
 *
 * <p>On AVX-512 CPUs libtorch's oneDNN convolution backward returns NaN gradients now and then; limiting
 * oneDNN to AVX2 ({@code ONEDNN_MAX_CPU_ISA=AVX2}) removes them (DEPENDENCIES.md). Java cannot change its
 * own environment, so when the variable is missing the program starts itself once more with it set and
 * passes the child's exit code on. Set {@code -Dcodebook.relaunch=false} (or the variable yourself) to skip
 * this.
 */
final class NativeSafety {

    static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** Set by jpackage's native launcher to its own path (installers/). */
    static final String LAUNCHER_PROPERTY = "jpackage.app-path";

    private NativeSafety() {}

    /**
     * @return true when a child process ran the program (the caller must return), false to carry on here
     */
    static boolean relaunchIfNeeded(String[] args) {
        if (System.getenv(ISA_VARIABLE) != null || "false".equals(System.getProperty("codebook.relaunch"))) {
            return false;
        }
        Optional<List<String>> command = relaunchCommand(System.getProperty(LAUNCHER_PROPERTY),
                Path.of(System.getProperty("java.home")), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), List.of(args));
        if (command.isEmpty()) {
            System.err.println("warning: could not restart with " + ISA_VARIABLE + "=AVX2 (no launcher or java "
                    + "executable found); training may meet NaN gradients on this CPU");
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put(ISA_VARIABLE, "AVX2");
        try {
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            int code = child.waitFor();
            System.exit(code);
            return true;
        } catch (Exception e) {
            System.err.println("warning: could not restart with " + ISA_VARIABLE + "=AVX2 (" + e.getMessage()
                    + "); training may meet NaN gradients on this CPU");
            return false;
        }
    }

    /**
     * The command that starts the program again, or empty when there is nothing to start it with.
     *
     * <p>Under an installed app (a jpackage launcher, {@code launcher} non-null) the launcher itself is
     * started with the same arguments: it adds its own JVM options and class path, and it is not a
     * {@code java} executable that would understand {@code -cp}. Otherwise {@code bin/java} of the running
     * runtime gets the same JVM options, class path and arguments.
     *
     * @param launcher the jpackage launcher's path, or null when started by {@code java}
     * @param javaHome the running runtime ({@code java.home})
     * @param jvmOptions the JVM's input arguments
     * @param classPath the class path
     * @param args the program's arguments
     */
    static Optional<List<String>> relaunchCommand(String launcher, Path javaHome, List<String> jvmOptions,
            String classPath, List<String> args) {
        List<String> command = new ArrayList<>();
        if (launcher != null && !launcher.isBlank()) {
            if (!Files.isExecutable(Path.of(launcher))) {
                return Optional.empty();
            }
            command.add(launcher);
            command.addAll(args);
            return Optional.of(command);
        }
        Path java = javaExecutable(javaHome);
        if (java == null) {
            return Optional.empty();
        }
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-Dcodebook.relaunch=false");
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(args);
        return Optional.of(command);
    }

    private static Path javaExecutable(Path javaHome) {
        for (String name : List.of("java", "java.exe")) {
            Path java = javaHome.resolve("bin").resolve(name);
            if (Files.isExecutable(java)) {
                return java;
            }
        }
        return null;
    }
}
