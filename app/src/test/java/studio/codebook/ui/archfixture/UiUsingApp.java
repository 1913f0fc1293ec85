package studio.codebook.ui.archfixture;

import studio.codebook.app.Main;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: a UI class that depends on the app. */
public class UiUsingApp {
    Class<?> main = Main.class;
}
