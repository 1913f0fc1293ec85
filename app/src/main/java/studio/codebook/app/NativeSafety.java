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

    private NativeSafety() {}

    /**
     * @return true when a child process ran the program (the caller must return), false to carry on here
     */
    static boolean relaunchIfNeeded(String[] args) {
        if (System.getenv(ISA_VARIABLE) != null || "false".equals(System.getProperty("codebook.relaunch"))) {
            return false;
        }
        Optional<List<String>> command = relaunchCommand(Path.of(System.getProperty("java.home")),
                ProcessHandle.current().info().command().orElse(null),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"),
                List.of(args));
        if (command.isEmpty()) {
            System.err.println("warning: could not restart with " + ISA_VARIABLE + "=AVX2 (no java executable "
                    + "found); training may meet NaN gradients on this CPU");
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
     * The command that starts the program again with the same JVM options, class path and arguments, or
     * empty when there is nothing to start it with.
     *
     * <p>{@code bin/java} of the running runtime comes first: an installed app's runtime keeps it
     * (installers/package.sh links it without {@code --strip-native-commands}), and the app's JVM options from
     * the launcher's configuration are among the input arguments. Without it, the running executable: a
     * plain {@code java}, or a jpackage launcher, which behaves like {@code java} when its own app starts it
     * again (it marks its children through the environment and then ignores its configuration file).
     *
     * @param javaHome the running runtime ({@code java.home})
     * @param executable the running process's executable, or null when unknown
     * @param jvmOptions the JVM's input arguments
     * @param classPath the class path
     * @param args the program's arguments
     */
    static Optional<List<String>> relaunchCommand(Path javaHome, String executable, List<String> jvmOptions,
            String classPath, List<String> args) {
        String java = javaExecutable(javaHome);
        if (java == null) {
            java = executable;
        }
        if (java == null || java.isBlank()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-Dcodebook.relaunch=false");
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(args);
        return Optional.of(command);
    }

    private static String javaExecutable(Path javaHome) {
        for (String name : List.of("java", "java.exe")) {
            Path java = javaHome.resolve("bin").resolve(name);
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return null;
    }
}
