package com.leadflow.routing.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.routing.FairnessRow;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.Test;

import static com.github.mvysny.kaributesting.v10.GridKt._findAll;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class FairnessViewTest extends AbstractViewTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRepIsListedWithTheirWeight() {
        login("erik");
        UI.getCurrent().navigate("routing/fairness");
        Grid<FairnessRow> grid = _get(Grid.class, spec -> spec.withId("fairness-grid"));
        assertThat(_findAll(grid)).extracting(FairnessRow::name)
                .contains("Sam Carter", "Olga Ivanova", "Peter Novak", "Dmitry Sokolov", "Lisa Chen", "Ivan Kuznetsov");
    }
}
