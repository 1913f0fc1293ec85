package studio.codebook.ui.archfixture;

import ai.djl.Device;

/** Allowed: a UI class that is not a view may name Device (as the fine-tune job does), and nothing else of DJL. */
public class JobOnDevice {
    Device device = Device.cpu();
}
