package com.leadflow.contact;

import com.leadflow.base.i18n.Messages;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** Writes the current filtered contact list as CSV (UTF-8, header row in the user's language), streamed. */
@Component
public class ContactCsvExporter {

    private final ContactService contacts;
    private final Messages messages;

    ContactCsvExporter(ContactService contacts, Messages messages) {
        this.contacts = contacts;
        this.messages = messages;
    }

    public void export(ContactFilter filter, ContactSort sort, boolean ascending, Locale locale, Writer out)
            throws IOException {
        String[] header = {"id", "contact.firstName", "contact.lastName", "contact.email", "contact.company",
                "contact.owner", "contact.lifecycleStage", "contact.funnelStage", "contact.status",
                "contact.firstTouchSource", "contact.preferredChannel", "contact.score", "contact.temperature",
                "contact.lastActivity", "contact.doNotContact"};
        for (int i = 1; i < header.length; i++) {
            header[i] = messages.get(locale, header[i]);
        }
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get());
        try {
            contacts.forEach(filter, sort, ascending, c -> {
                try {
                    csv.printRecord(c.id(), c.firstName(), c.lastName(), c.email(), c.company(), c.ownerName(),
                            c.lifecycleStage(), c.funnelStage(), c.status(), c.source(), c.channel(), c.score(),
                            c.temperature(), c.lastActivityAt(), c.doNotContact());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }
}
