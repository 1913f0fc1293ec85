package studio.codebook.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes sure libtorch runs with the settings this project depends on, which must be in the process
 * environment before the native library loads.
 *
 * <p>On AVX-512 CPUs libtorch's oneDNN convolution backward returns NaN gradients now and then; limiting
 * oneDNN to AVX2 ({@code ONEDNN_MAX_CPU_ISA=AVX2}) removes them (DEPENDENCIES.md). Java cannot change its
 * own environment, so when the variable is missing the launcher starts one child JVM with it set, with
 * the same JVM options, class path and arguments, and passes its exit code on. Set
 * {@code -Dcodebook.relaunch=false} (or the variable yourself) to skip this.
 */
final class NativeSafety {

    static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    private NativeSafety() {}

    /**
     * @return true when a child JVM ran the program (the caller must return), false to carry on here
     */
    static boolean relaunchIfNeeded(String[] args) {
        if (System.getenv(ISA_VARIABLE) != null || "false".equals(System.getProperty("codebook.relaunch"))) {
            return false;
        }
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) {
            return false;
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Dcodebook.relaunch=false");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
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
}
