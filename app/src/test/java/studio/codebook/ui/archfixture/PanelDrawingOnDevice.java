package studio.codebook.ui.archfixture;

import ai.djl.Device;
import javafx.scene.layout.Pane;

/** A deliberate violation: not named *View, but it builds scene-graph nodes, so it is a view, and names Device. */
public class PanelDrawingOnDevice {
    Pane pane = new Pane();
    String where = Device.cpu().toString();
}
