package com.memorylayer.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private static EntityExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = EntityExtractor.english();
    }

    private static List<Mention> entities(String text) {
        return extractor.extract(text).entities();
    }

    @Test
    void peoplePlacesAndOrganisationsInPlainSentences() {
        assertThat(entities("Caroline moved to Sweden last year and now works at Stanford University with Dr. Alan Brooks."))
                .extracting(Mention::key, Mention::type)
                .contains(tuple("caroline", EntityType.PERSON), tuple("sweden", EntityType.PLACE),
                        tuple("stanford university", EntityType.ORGANISATION), tuple("alan brooks", EntityType.PERSON));
    }

    @Test
    void aLabelOpeningAMemoryIsNotASpeaker() {
        assertThat(entities("Decision: Caroline moves the billing service to Postgres.")).extracting(Mention::key)
                .contains("caroline", "postgres").doesNotContain("decision");
        assertThat(entities("Error: the migration locked the invoices table.")).extracting(Mention::key).doesNotContain("error");
        assertThat(entities("Melanie: I painted a lake yesterday.")).extracting(Mention::key, Mention::type)
                .contains(tuple("melanie", EntityType.PERSON));
    }

    @Test
    void aPossessiveIsTheSameEntityAsTheName() {
        List<Mention> found = entities("Melanie's kids loved the trip. Melanie said they want to go back.");

        assertThat(found).extracting(Mention::key).containsOnlyOnce("melanie");
        assertThat(found).filteredOn(m -> m.key().equals("melanie")).extracting(Mention::name, Mention::type)
                .containsExactly(tuple("Melanie", EntityType.PERSON));
    }

    @Test
    void aTranscriptSpeakerIsAPerson() {
        assertThat(entities("Jolene: I went hiking near Lake Tahoe on Saturday."))
                .extracting(Mention::key, Mention::type)
                .contains(tuple("jolene", EntityType.PERSON), tuple("lake tahoe", EntityType.PLACE));
    }

    @Test
    void structuredKinds() {
        List<Mention> found = entities("Mail ana@example.com the notes from https://example.com/runbook?x=1 and the config in "
                + "~/deploy/app.yaml before 2024-03-18; we pinned v2.4.1 and use postgres and Docker.");

        assertThat(found).extracting(Mention::name, Mention::type).contains(
                tuple("ana@example.com", EntityType.EMAIL),
                tuple("https://example.com/runbook?x=1", EntityType.URL),
                tuple("~/deploy/app.yaml", EntityType.PATH),
                tuple("2024-03-18", EntityType.DATE),
                tuple("v2.4.1", EntityType.VERSION),
                tuple("postgres", EntityType.TOOL),
                tuple("Docker", EntityType.TOOL));
    }

    @Test
    void writtenDates() {
        assertThat(entities("The conference was on May 7, 2023 and the launch in June 2023."))
                .extracting(Mention::name, Mention::type)
                .contains(tuple("May 7, 2023", EntityType.DATE), tuple("June 2023", EntityType.DATE));
    }

    @Test
    void interjectionsAndSentenceOpenersAreNotEntities() {
        assertThat(entities("Wow, that's great! Thanks so much. Yeah, I agree.")).isEmpty();
    }

    @Test
    void statedRelationsAndTheirEnd() {
        Extraction uses = extractor.extract("Priya uses Kubernetes for the billing service. Priya works with Tom on Project Atlas.");
        assertThat(uses.relations()).extracting(StatedRelation::sourceKey, StatedRelation::relation, StatedRelation::targetKey,
                StatedRelation::ends)
                .contains(tuple("priya", "uses", "kubernetes", false), tuple("priya", "works_with", "tom", false));

        Extraction ended = extractor.extract("Priya no longer uses Kubernetes.");
        assertThat(ended.relations()).extracting(StatedRelation::relation, StatedRelation::ends)
                .containsExactly(tuple("uses", true));
    }

    @Test
    void aProjectIsNamedAsOne() {
        assertThat(entities("We kicked off Project Atlas with the data team."))
                .extracting(Mention::key, Mention::type).contains(tuple("atlas", EntityType.PROJECT));
    }
}
