package studio.codebook.ui.archfixture;

import ai.djl.Device;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: a view that names a DJL type (even Device). */
public class WaveformOnDeviceView {
    Device device = Device.cpu();
}
