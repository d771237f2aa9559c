package com.leadflow.rules;

import com.leadflow.contact.ContactStatus;
import com.leadflow.contact.FirstTouchSource;
import com.leadflow.contact.LifecycleStage;
import com.leadflow.contact.LostReason;
import com.leadflow.contact.PreferredChannel;
import com.leadflow.contact.Temperature;
import com.leadflow.timeline.ActivityType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static com.leadflow.timeline.ActivityType.*;

/**
 * The whitelist of contact fields a rule may use, and of the activity payload attributes a behaviour condition may
 * match. Column names and JSON paths reach SQL only from here, never from a rule.
 */
public final class FieldCatalog {

    /** Behaviour attributes and the activity types whose payload carries them. */
    public static final Map<String, Set<ActivityType>> ACTIVITY_ATTRIBUTES;

    static {
        Map<String, Set<ActivityType>> attributes = new LinkedHashMap<>();
        attributes.put("url", Set.of(PAGE_VIEW, EMAIL_CLICK, FORM_SUBMIT));
        attributes.put("asset", Set.of(CONTENT_DOWNLOAD));
        attributes.put("campaign", Set.of(EMAIL_SENT, EMAIL_OPEN, EMAIL_CLICK));
        attributes.put("form", Set.of(FORM_SUBMIT));
        attributes.put("question", Set.of(SURVEY_ANSWER));
        ACTIVITY_ATTRIBUTES = Collections.unmodifiableMap(attributes);
    }

    /** The attribute a survey question's answer is matched on. */
    public static final String ANSWER_ATTRIBUTE = "answer";
    /** Attributes matched by "contains"; the others by "equals" (both ignoring case). */
    public static final Set<String> CONTAINS_ATTRIBUTES = Set.of("url");
    /** Every payload attribute the loader reads; the JSON path of each is {@code $.<name>}. */
    public static final List<String> LOADED_ATTRIBUTES = List.of("url", "asset", "campaign", "form", "question",
            ANSWER_ATTRIBUTE);

    private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> idLabels;

    /**
     * The catalog with the funnel stages of the {@code funnel_stage} table (their codes, in board order) and the
     * built-in lost reasons.
     */
    public FieldCatalog(Collection<String> funnelStageCodes) {
        this(funnelStageCodes, names(LostReason.values()), Map.of());
    }

    /**
     * The catalog with the funnel stages and the lost reasons as configured (codes, in list order). For a rule
     * editor, also the names of the values that are data, by field name and value: the people and teams that
     * id-valued fields ({@code owner}, {@code team}) refer to, so the editor offers names instead of numbers, and the
     * lost reasons' names.
     */
    public FieldCatalog(Collection<String> funnelStageCodes, Collection<String> lostReasonCodes,
                        Map<String, Map<String, String>> idLabels) {
        this.idLabels = Map.copyOf(idLabels);
        text("firstName", "first_name", false, ContactFacts::firstName);
        text("lastName", "last_name", false, ContactFacts::lastName);
        text("email", "email", true, ContactFacts::email);
        text("phone", "phone", true, ContactFacts::phone);
        text("company", "company", true, ContactFacts::company);
        text("jobTitle", "job_title", true, ContactFacts::jobTitle);
        text("country", "country", true, ContactFacts::country);
        text("city", "city", true, ContactFacts::city);
        text("productInterest", "product_interest", true, ContactFacts::productInterest);
        enumeration("preferredChannel", "preferred_channel", false, names(PreferredChannel.values()), "channel.",
                ContactFacts::preferredChannel);
        enumeration("firstTouchSource", "first_touch_source", true, names(FirstTouchSource.values()), "source.",
                ContactFacts::firstTouchSource);
        date("firstTouchAt", "first_touch_at", true, ContactFacts::firstTouchAt);
        text("firstTouchCampaign", "first_touch_campaign", true, ContactFacts::firstTouchCampaign);
        // people and teams are picked by id, so only equality and emptiness make sense
        List<Operator> idOperators = List.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN,
                Operator.IS_EMPTY, Operator.IS_NOT_EMPTY);
        add(new FieldDefinition("owner", FieldType.NUMBER, "owner_id", true, "rules.field.owner", idOperators,
                List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, ContactFacts::ownerId));
        add(new FieldDefinition("team", FieldType.NUMBER, "team_id", true, "rules.field.team", idOperators,
                List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, ContactFacts::teamId));
        enumeration("lifecycleStage", "lifecycle_stage", false, names(LifecycleStage.values()), "lifecycle.",
                ContactFacts::lifecycleStage);
        enumeration("funnelStage", "funnel_stage", false, List.copyOf(funnelStageCodes), "funnel.",
                ContactFacts::funnelStage);
        enumeration("status", "status", false, names(ContactStatus.values()), "status.", ContactFacts::status);
        enumeration("lostReason", "lost_reason", true, List.copyOf(lostReasonCodes), "lostReason.",
                ContactFacts::lostReason);
        add(new FieldDefinition("doNotContact", FieldType.BOOLEAN, "do_not_contact", false, "rules.field.doNotContact",
                FieldType.BOOLEAN.operators(), List.of(), null, 0, 0, ContactFacts::doNotContact));
        // an INT column: MariaDB 11.4's range optimizer wrongly clamps larger constants in NOT IN (found by the
        // agreement test), so values are kept within the column's range
        add(new FieldDefinition("score", FieldType.NUMBER, "score", false, "rules.field.score",
                withoutEmptiness(FieldType.NUMBER.operators()), List.of(), null, Integer.MIN_VALUE, Integer.MAX_VALUE,
                facts -> (long) facts.score()));
        enumeration("temperature", "temperature", false, names(Temperature.values()), "temperature.",
                ContactFacts::temperature);
        date("createdAt", "created_at", false, ContactFacts::createdAt);
        date("lastActivityAt", "last_activity_at", true, ContactFacts::lastActivityAt);
    }

    public List<FieldDefinition> fields() {
        return List.copyOf(fields.values());
    }

    /** Names for the values of an id-valued field, in display order (empty: enter ids). */
    public Map<String, String> idLabels(String fieldName) {
        return idLabels.getOrDefault(fieldName, Map.of());
    }

    /** The field of that name, or null if rules may not use it. */
    public FieldDefinition field(String name) {
        return name == null ? null : fields.get(name);
    }

    private void text(String name, String column, boolean nullable, Function<ContactFacts, Object> value) {
        add(new FieldDefinition(name, FieldType.TEXT, column, nullable, "rules.field." + name,
                FieldType.TEXT.operators(), List.of(), null, 0, 0, value));
    }

    private void enumeration(String name, String column, boolean nullable, List<String> values, String labelPrefix,
                             Function<ContactFacts, Object> value) {
        List<Operator> operators = nullable ? FieldType.ENUM.operators() : withoutEmptiness(FieldType.ENUM.operators());
        add(new FieldDefinition(name, FieldType.ENUM, column, nullable, "rules.field." + name, operators, values,
                labelPrefix, 0, 0, value));
    }

    private void date(String name, String column, boolean nullable, Function<ContactFacts, Object> value) {
        List<Operator> operators = nullable ? FieldType.DATE.operators() : withoutEmptiness(FieldType.DATE.operators());
        add(new FieldDefinition(name, FieldType.DATE, column, nullable, "rules.field." + name, operators, List.of(),
                null, 0, 0, value));
    }

    private void add(FieldDefinition field) {
        fields.put(field.name(), field);
    }

    /** A column that is never NULL is never empty: offering the choice would only confuse. */
    private static List<Operator> withoutEmptiness(List<Operator> operators) {
        List<Operator> result = new ArrayList<>(operators);
        result.remove(Operator.IS_EMPTY);
        result.remove(Operator.IS_NOT_EMPTY);
        return result;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
