package vn.lienthong.gateway.sandbox;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.sandbox.CivilStatusRecords.Kind;
import vn.lienthong.gateway.sandbox.CivilStatusRecords.Registration;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's civil-status registrations are about the population's own people, consistent with what it says of them. */
class CivilStatusRecordsTest {

    private static final Population POPULATION = PopulationGenerator.generate(20251123, 3000);
    private static final CivilStatusRecords RECORDS = CivilStatusRecords.generate(POPULATION, 20251123);

    @Test
    void everyRegistrationAgreesWithThePopulationRegistry() {
        Set<String> numbers = new HashSet<>();
        int births = 0;
        int marriages = 0;
        int deaths = 0;
        for (Person p : POPULATION.people()) {
            for (Registration r : RECORDS.about(p.personalId())) {
                assertThat(r.number()).matches("K[SHT]-\\d{5}-\\d{4}-\\d{6}").startsWith(r.kind() + "-" + r.registeredAt().communeCode() + "-"
                        + r.registeredOn().getYear() + "-");
                assertThat(RECORDS.byNumber(r.number())).contains(r);
                assertThat(r.book()).matches("\\d{2}/" + r.registeredOn().getYear());
                switch (r.kind()) {
                    case KS -> {
                        births++;
                        assertThat(r.subject().personalId()).isEqualTo(p.personalId());
                        assertThat(r.subject().fullName()).isEqualTo(p.fullName());
                        assertThat(r.eventDate()).isEqualTo(p.birthDate());
                        assertThat(r.registeredOn()).isAfterOrEqualTo(p.birthDate());
                        assertThat(r.registeredAt()).isEqualTo(p.birthPlace());
                        assertThat(r.father()).isEqualTo(p.fatherName());
                    }
                    case KH -> {
                        marriages++;
                        assertThat(p.maritalStatus()).isEqualTo("2");
                        Person husband = POPULATION.byPersonalId(r.subject().personalId()).orElseThrow();
                        Person wife = POPULATION.byPersonalId(r.other().personalId()).orElseThrow();
                        assertThat(husband.female()).isFalse();
                        assertThat(wife.female()).isTrue();
                        assertThat(p).isIn(husband, wife);
                        assertThat(r.eventDate()).isAfter(husband.birthDate().plusYears(17)).isAfter(wife.birthDate().plusYears(17));
                    }
                    case KT -> {
                        deaths++;
                        assertThat(r.eventDate()).isEqualTo(p.deathDate());
                        assertThat(r.registeredOn()).isAfterOrEqualTo(p.deathDate());
                    }
                }
                numbers.add(r.number());
            }
            if (p.deathDate() != null) {
                assertThat(RECORDS.about(p.personalId())).anyMatch(r -> r.kind() == Kind.KT);
            }
            if (p.birthDate().getYear() >= 2000) {
                assertThat(RECORDS.about(p.personalId())).anyMatch(r -> r.kind() == Kind.KS);
            }
        }
        assertThat(births).isGreaterThan(POPULATION.size() / 2);
        assertThat(marriages).isPositive();
        assertThat(deaths).isPositive();
        assertThat(numbers).hasSize(RECORDS.size());
    }

    @Test
    void theFixedCasesAreThereAndAPersonsRegistrationsComeOldestFirst() {
        Registration an = RECORDS.byNumber("KS-00004-2003-000123").orElseThrow();
        assertThat(an.subject().personalId()).isEqualTo("001203012345");
        assertThat(an.book()).isEqualTo("01/2003");
        Registration marriage = RECORDS.byNumber("KH-11329-2014-000027").orElseThrow();
        assertThat(marriage.other().personalId()).isEqualTo("031190001111");
        assertThat(RECORDS.about("031190001111")).extracting(Registration::kind).containsExactly(Kind.KS, Kind.KH);
        assertThat(RECORDS.about(marriage.subject().personalId())).contains(marriage);
        assertThat(RECORDS.byNumber("KT-13684-2021-000089").orElseThrow().subject().personalId()).isEqualTo("036048000777");
        assertThat(RECORDS.about("001203099999")).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameRegistrations() {
        CivilStatusRecords again = CivilStatusRecords.generate(POPULATION, 20251123);
        assertThat(again.size()).isEqualTo(RECORDS.size());
        for (Person p : POPULATION.people().subList(0, 200)) {
            assertThat(again.about(p.personalId())).isEqualTo(RECORDS.about(p.personalId()));
        }
    }
}
