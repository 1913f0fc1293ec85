package studio.codebook.engine.archfixture;

import javafx.scene.paint.Color;
import studio.codebook.ui.common.StudioSettings;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: an engine class that knows the UI and JavaFX. */
public class EngineUsingUiAndJavaFx {
    StudioSettings settings = StudioSettings.defaults();
    Color colour = Color.RED;
}
