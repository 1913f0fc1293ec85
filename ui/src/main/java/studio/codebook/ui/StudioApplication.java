package studio.codebook.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop window. Until the application issue lands it shows what the engine offers and points to
 * the command line, which already works.
 */
public class StudioApplication extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("Codebook Studio");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold; -fx-text-fill: #e8e8f0;");
        Label body = new Label("The Generate, Inspect, Dependence, Fine-tune and Library views are being built.\n"
                + "The command line works today: run with --help to see encode, decode, analyze, info and model init.");
        body.setStyle("-fx-text-fill: #b8b8c8; -fx-font-size: 14px;");
        body.setWrapText(true);
        VBox root = new VBox(16, title, body);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(32));
        root.setStyle("-fx-background-color: #1e1f26;");
        stage.setTitle("Codebook Studio");
        stage.setScene(new Scene(root, 900, 560));
        stage.show();
    }
}
