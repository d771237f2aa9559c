package com.leadflow.contact.ui;

import com.leadflow.AbstractViewTest;
import com.leadflow.contact.ContactFilter;
import com.leadflow.contact.ContactFixtures;
import com.leadflow.contact.ContactForm;
import com.leadflow.contact.ContactListItem;
import com.leadflow.contact.ContactService;
import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.contact.LostReason;
import com.leadflow.contact.PreferredChannel;
import com.leadflow.security.LeadflowUserDetails;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ContactsViewTest extends AbstractViewTest {

    @Autowired
    ContactService contacts;

    private String company;
    private ContactForm anna;
    private ContactForm boris;
    private ContactForm clara;

    @BeforeEach
    void createContacts() {
        company = ContactFixtures.marker();
        LeadflowUserDetails sam = (LeadflowUserDetails) userDetailsService.loadUserByUsername("sam");
        LeadflowUserDetails peter = (LeadflowUserDetails) userDetailsService.loadUserByUsername("peter");
        anna = ContactFixtures.contact("Anna", "Smirnova", company);
        anna.setEmail("anna." + company.toLowerCase() + "@example.com");
        anna.setOwnerId(sam.user().id());
        anna.setTeamId(sam.user().teamId());
        anna.setLifecycleStage(LifecycleStage.MQL);
        anna.setFirstTouchSource(FirstTouchSource.TRADE_SHOW);
        boris = ContactFixtures.contact("Boris", "Kuznetsov", company);
        boris.setOwnerId(peter.user().id());
        boris.setTeamId(peter.user().teamId());
        boris.setLifecycleStage(LifecycleStage.SQL);
        boris.setPreferredChannel(PreferredChannel.PHONE);
        clara = ContactFixtures.contact("Clara", "Smith", company);
        clara.setStatus(ContactStatus.LOST);
        clara.setLostReason(LostReason.BUDGET);
        clara.setFunnelStage("LOST");
        anna = as("admin", () -> contacts.create(anna));
        boris = as("admin", () -> contacts.create(boris));
        clara = as("admin", () -> contacts.create(clara));
    }

    @SuppressWarnings("unchecked")
    private List<String> visibleNames() {
        Grid<ContactListItem> grid = _get(Grid.class, spec -> spec.withId("contacts-grid"));
        return _fetch(grid, 0, 100).stream().map(ContactListItem::fullName).toList();
    }

    private void search(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("contact-search")), text);
    }

    @Test
    void quickSearchFindsByCompanyNameAndEmail() {
        login("maria");
        UI.getCurrent().navigate("contacts");

        search(company);
        assertThat(visibleNames()).containsExactlyInAnyOrder("Anna Smirnova", "Boris Kuznetsov", "Clara Smith");

        search("anna." + company.toLowerCase());
        assertThat(visibleNames()).containsExactly("Anna Smirnova");

        search("Boris Kuzn");
        assertThat(visibleNames()).contains("Boris Kuznetsov").doesNotContain("Anna Smirnova");
    }

    @Test
    @SuppressWarnings("unchecked")
    void filtersNarrowTheList() {
        login("maria");
        UI.getCurrent().navigate("contacts");
        search(company);

        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-lifecycle")), LifecycleStage.SQL);
        assertThat(visibleNames()).containsExactly("Boris Kuznetsov");
        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-lifecycle")), null);

        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-status")), ContactStatus.LOST);
        assertThat(visibleNames()).containsExactly("Clara Smith");
        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-status")), null);

        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-source")), FirstTouchSource.TRADE_SHOW);
        assertThat(visibleNames()).containsExactly("Anna Smirnova");
        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-source")), null);

        _setValue(_get(ComboBox.class, spec -> spec.withId("filter-channel")), PreferredChannel.PHONE);
        assertThat(visibleNames()).containsExactly("Boris Kuznetsov");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownerScopeShowsMineAndMyTeams() {
        login("sam");
        UI.getCurrent().navigate("contacts");
        search(company);
        assertThat(visibleNames()).hasSize(3);

        _setValue(_get(Select.class, spec -> spec.withId("owner-scope")), ContactFilter.OwnerScope.MINE);
        assertThat(visibleNames()).containsExactly("Anna Smirnova");

        _setValue(_get(Select.class, spec -> spec.withId("owner-scope")), ContactFilter.OwnerScope.MY_TEAM);
        assertThat(visibleNames()).containsExactly("Anna Smirnova");

        login("peter");
        UI.getCurrent().navigate("contacts");
        search(company);
        _setValue(_get(Select.class, spec -> spec.withId("owner-scope")), ContactFilter.OwnerScope.MY_TEAM);
        assertThat(visibleNames()).containsExactly("Boris Kuznetsov");
    }

    @Test
    void executiveCannotCreateContacts() {
        login("erik");
        UI.getCurrent().navigate("contacts");
        assertThat(_find(Button.class, spec -> spec.withId("new-contact"))).isEmpty();
    }

    @Test
    void csvExportContainsTheFilteredList() throws Exception {
        login("maria");
        var exporter = context().getBean(com.leadflow.contact.ContactCsvExporter.class);
        var out = new java.io.StringWriter();
        exporter.export(ContactFilter.all().withSearch(company), com.leadflow.contact.ContactSort.NAME, true,
                java.util.Locale.ENGLISH, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("id,First name,Last name,Email,Company");
        assertThat(lines.get(1)).contains("Boris", "Kuznetsov", company);
        assertThat(lines.get(3)).contains("Clara", "Smith", "LOST");
    }
}
