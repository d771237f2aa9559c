package com.leadflow.campaign.ui;

import com.leadflow.base.ValidationFailedException;
import com.leadflow.base.ui.Formats;
import com.leadflow.base.ui.MainLayout;
import com.leadflow.base.ui.Notifications;
import com.leadflow.campaign.CampaignChannel;
import com.leadflow.campaign.CampaignForm;
import com.leadflow.campaign.CampaignService;
import com.leadflow.campaign.CampaignSummary;
import com.leadflow.security.Roles;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.dao.OptimisticLockingFailureException;

import java.math.BigDecimal;
import java.text.NumberFormat;

/** Campaigns with their channel, period and cost: MARKETING and ADMIN create and edit them, EXECUTIVE reads. */
@Route(value = "campaigns", layout = MainLayout.class)
@Menu(title = "metrics.nav.campaigns", order = 65, icon = "vaadin:megaphone")
@RolesAllowed({Roles.ADMIN, Roles.MARKETING, Roles.EXECUTIVE})
class CampaignsView extends VerticalLayout implements HasDynamicTitle {

    private final CampaignService campaigns;
    final Grid<CampaignSummary> grid = new Grid<>(CampaignSummary.class, false);

    CampaignsView(CampaignService campaigns) {
        this.campaigns = campaigns;
        setSizeFull();
        addClassName("campaigns-view");

        Button create = new Button(getTranslation("metrics.campaign.new"), VaadinIcon.PLUS.create(),
                e -> openEditor(new CampaignForm()));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-campaign");
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        create.setVisible(campaigns.canEdit());

        grid.setId("campaigns-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(CampaignSummary::name).setHeader(getTranslation("metrics.col.campaign")).setFlexGrow(3)
                .setSortable(true).setKey("name");
        grid.addColumn(c -> getTranslation("metrics.channel." + c.channel().name()))
                .setHeader(getTranslation("metrics.col.channel")).setSortable(true).setKey("channel");
        grid.addColumn(c -> date(c.startsOn())).setHeader(getTranslation("metrics.col.starts"))
                .setComparator(CampaignSummary::startsOn).setKey("starts");
        grid.addColumn(c -> c.endsOn() == null ? getTranslation("metrics.campaign.running") : date(c.endsOn()))
                .setHeader(getTranslation("metrics.col.ends")).setKey("ends");
        grid.addColumn(c -> money(c.cost())).setHeader(getTranslation("metrics.col.cost"))
                .setTextAlign(ColumnTextAlign.END).setComparator(CampaignSummary::cost).setKey("cost");
        grid.addColumn(c -> Formats.number(c.leads())).setHeader(getTranslation("metrics.col.leads"))
                .setTextAlign(ColumnTextAlign.END).setComparator(CampaignSummary::leads).setKey("leads");
        if (campaigns.canEdit()) {
            grid.addComponentColumn(c -> {
                Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(c));
                delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                delete.setAriaLabel(getTranslation("metrics.campaign.delete", c.name()));
                return delete;
            }).setFlexGrow(0).setWidth("5em").setKey("delete");
            grid.addItemClickListener(e -> openEditor(CampaignForm.of(e.getItem())));
        }
        add(new HorizontalLayout(create), grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(campaigns.list());
    }

    /** The campaign dialog: Enter saves, Escape cancels; the service's refusal is shown and the dialog stays open. */
    void openEditor(CampaignForm form) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(form.getId() == null ? "metrics.campaign.new" : "metrics.campaign.edit"));
        dialog.setId("campaign-dialog");
        TextField name = new TextField(getTranslation("metrics.col.campaign"));
        name.setId("campaign-name");
        name.setMaxLength(150);
        name.setRequired(true);
        name.setValue(form.getName() == null ? "" : form.getName());
        Select<CampaignChannel> channel = new Select<>();
        channel.setLabel(getTranslation("metrics.col.channel"));
        channel.setId("campaign-channel");
        channel.setItems(CampaignChannel.values());
        channel.setItemLabelGenerator(c -> getTranslation("metrics.channel." + c.name()));
        channel.setValue(form.getChannel());
        DatePicker starts = new DatePicker(getTranslation("metrics.col.starts"));
        starts.setId("campaign-starts");
        starts.setRequired(true);
        starts.setLocale(getLocale());
        starts.setValue(form.getStartsOn());
        DatePicker ends = new DatePicker(getTranslation("metrics.col.ends"));
        ends.setId("campaign-ends");
        ends.setLocale(getLocale());
        ends.setHelperText(getTranslation("metrics.campaign.endsHelp"));
        ends.setClearButtonVisible(true);
        ends.setValue(form.getEndsOn());
        BigDecimalField cost = new BigDecimalField(getTranslation("metrics.col.cost"));
        cost.setId("campaign-cost");
        cost.setValue(form.getCost());
        FormLayout layout = new FormLayout(name, channel, starts, ends, cost);
        dialog.add(layout);

        Button save = new Button(getTranslation("metrics.campaign.save"), e -> {
            form.setName(name.getValue());
            form.setChannel(channel.getValue());
            form.setStartsOn(starts.getValue());
            form.setEndsOn(ends.getValue());
            form.setCost(cost.getValue());
            if (starts.isInvalid() || ends.isInvalid() || cost.isInvalid()) {
                Notifications.error(getTranslation("metrics.campaign.fixFields"));
                return;
            }
            try {
                CampaignSummary saved = campaigns.save(form);
                Notifications.success(getTranslation("metrics.campaign.saved", saved.name()));
                dialog.close();
                refresh();
            } catch (ValidationFailedException ex) {
                Notifications.error(getTranslation(ex.messageKey(), ex.params()));
            } catch (OptimisticLockingFailureException ex) {
                Notifications.error(getTranslation("metrics.campaign.stale"));
                dialog.close();
                refresh();
            }
        });
        save.setId("campaign-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        Button cancel = new Button(getTranslation("metrics.campaign.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        add(dialog);
        dialog.open();
        name.focus();
    }

    private void confirmDelete(CampaignSummary campaign) {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("metrics.campaign.deleteTitle", campaign.name()),
                getTranslation("metrics.campaign.deleteText", Formats.number(campaign.leads())),
                getTranslation("metrics.campaign.deleteConfirm"), e -> {
                    campaigns.delete(campaign.id());
                    Notifications.success(getTranslation("metrics.campaign.deleted", campaign.name()));
                    refresh();
                });
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("metrics.campaign.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("campaign-delete-confirm");
        confirm.open();
    }

    private String date(java.time.LocalDate date) {
        return Formats.date(date.atStartOfDay(Formats.zone()).toInstant());
    }

    private String money(BigDecimal value) {
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(value);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("metrics.nav.campaigns") + " · " + getTranslation("app.name");
    }
}
