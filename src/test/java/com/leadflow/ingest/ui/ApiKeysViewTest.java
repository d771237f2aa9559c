package com.leadflow.ingest.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.leadflow.AbstractViewTest;
import com.leadflow.ingest.ApiKeyService;
import com.leadflow.ingest.ApiKeySummary;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysViewTest extends AbstractViewTest {

    @Autowired
    JdbcTemplate jdbc;

    private final String name = "Website " + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM api_key WHERE name = ?", name);
    }

    @Test
    void adminCreatesAKeySeesItOnceAndRevokesIt() {
        login("admin");
        UI.getCurrent().navigate("api-keys");
        _setValue(_get(TextField.class, spec -> spec.withId("api-key-name")), name);
        _click(_get(Button.class, spec -> spec.withId("api-key-create")));

        String secret = _get(TextField.class, spec -> spec.withId("api-key-secret")).getValue();
        assertThat(secret).startsWith(ApiKeyService.KEY_PREFIX).hasSize(43);
        // stored only as a hash
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE name = ? AND secret_hash <> ? AND key_prefix = ?",
                Integer.class, name, secret, secret.substring(0, 10))).isEqualTo(1);

        @SuppressWarnings("unchecked")
        Grid<ApiKeySummary> grid = _get(Grid.class, spec -> spec.withId("api-keys-grid"));
        ApiKeySummary row = GridKt._findAll(grid).stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
        assertThat(row.active()).isTrue();
        assertThat(row.lastUsedAt()).isNull();

        int index = GridKt._findAll(grid).indexOf(row);
        Button revoke = (Button) GridKt._getCellComponent(grid, index, "revoke");
        _click(revoke);
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM api_key WHERE name = ?", Boolean.class, name))
                .isTrue();
    }

    @Test
    void aKeyNeedsANameAndOnlyAdminsManageKeys() {
        login("admin");
        UI.getCurrent().navigate("api-keys");
        _click(_get(Button.class, spec -> spec.withId("api-key-create")));
        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications())
                .anyMatch(n -> n.getElement().getProperty("text").contains("Give the key a name"));

        login("maria");
        assertThatThrownBy(() -> UI.getCurrent().navigate("api-keys")).hasMessageContaining("Access is denied");
    }
}
