package studio.codebook.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import studio.codebook.ui.common.ModelService;
import studio.codebook.ui.common.TaskMonitor;

/**
 * The bottom line: the model's status on the left; the running task's title, message, progress and
 * Cancel on the right; the last error in between until the next one.
 */
final class StatusBar extends HBox {

    private final Label notice = new Label();

    StatusBar(TaskMonitor tasks, ModelService models) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        Label modelStatus = new Label();
        modelStatus.setId("model-status");
        modelStatus.textProperty().bind(models.status());
        modelStatus.setMinWidth(Region.USE_PREF_SIZE);
        modelStatus.setMaxWidth(520);

        notice.setId("status-notice");
        notice.getStyleClass().add("status-error");
        notice.setTooltip(new Tooltip());
        notice.getTooltip().textProperty().bind(notice.textProperty());
        tasks.lastError().addListener((o, a, b) -> notice.setText(b));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label task = new Label();
        task.setId("task-title");
        task.textProperty().bind(Bindings.createStringBinding(() -> tasks.message().get().isEmpty()
                ? tasks.title().get() : tasks.title().get() + " — " + tasks.message().get(), tasks.title(),
                tasks.message()));
        ProgressBar progress = new ProgressBar();
        progress.setId("task-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(tasks.progress());
        Button cancel = new Button("Cancel");
        cancel.setId("task-cancel");
        cancel.getStyleClass().add("small");
        cancel.setTooltip(new Tooltip("Stop the running task"));
        cancel.setOnAction(e -> tasks.cancelShown());
        for (Node n : new Node[] {task, progress, cancel}) {
            n.visibleProperty().bind(tasks.busy());
            n.managedProperty().bind(tasks.busy());
        }
        getChildren().addAll(modelStatus, notice, spacer, task, progress, cancel);
    }

    /** Shows a message in the status bar of the window holding {@code anyNode}, if there is one. */
    static void flash(Node anyNode, String message) {
        if (anyNode.getScene() != null && anyNode.getScene().lookup("#status-notice") instanceof Label l) {
            l.setText(message);
        }
    }
}
