package studio.codebook.training.archfixture;

import studio.codebook.app.Main;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: a training class that calls the app. */
public class TrainingUsingApp {
    void start() throws Exception {
        Main.main(new String[0]);
    }
}
