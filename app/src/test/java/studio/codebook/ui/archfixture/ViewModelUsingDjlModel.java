package studio.codebook.ui.archfixture;

import ai.djl.Model;

/** A deliberate violation for ArchitectureRulesCatchViolationsTest: a UI class naming a DJL type other than Device. */
public class ViewModelUsingDjlModel {
    Model model;
}
