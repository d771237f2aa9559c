package com.leadflow.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/** Polls about once a second while a view is open, so it can show the progress of work running in the background. */
public final class PollWhileAttached {

    private PollWhileAttached() {
    }

    public static void install(Component view, Runnable onPoll) {
        view.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ui.setPollInterval(1000);
            Registration poll = ui.addPollListener(e -> onPoll.run());
            view.addDetachListener(detach -> {
                ui.setPollInterval(-1);
                poll.remove();
                detach.unregisterListener();
            });
            onPoll.run();
        });
    }
}
