package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.registry.CitizenId;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationGeneratorTest {

    private static final Population POPULATION = PopulationGenerator.generate(20251123L, 12_000);

    @Test
    void sameSeedGivesTheSamePeopleAndAnotherSeedOthers() {
        assertThat(PopulationGenerator.generate(20251123L, 12_000).people()).isEqualTo(POPULATION.people());
        assertThat(PopulationGenerator.generate(7L, 12_000).people().subList(5, 50))
                .isNotEqualTo(POPULATION.people().subList(5, 50));
    }

    @Test
    void everyPersonalIdIsValidUniqueAndAgreesWithBirthYearAndGender() {
        assertThat(POPULATION.size()).isGreaterThanOrEqualTo(10_000);
        Set<String> ids = new HashSet<>();
        for (Person p : POPULATION.people()) {
            CitizenId id = CitizenId.parse(p.personalId());
            assertThat(id.kind()).isEqualTo(CitizenId.Kind.PERSONAL_ID);
            assertThat(ids.add(p.personalId())).as("unique %s", p.personalId()).isTrue();
            assertThat(CitizenId.birthYear(p.personalId())).isEqualTo(p.birthDate().getYear());
            assertThat(CitizenId.isFemale(p.personalId())).isEqualTo(p.female());
            assertThat(p.permanentResidence().provinceCode()).matches("\\d{2}");
            assertThat(p.permanentResidence().communeCode()).matches("\\d{5}");
            assertThat(p.fullName()).matches("\\p{L}+( \\p{L}+)+");
        }
    }

    @Test
    void edgeCasesArePresent() {
        List<Person> people = POPULATION.people();
        long oldCards = people.stream().filter(p -> p.oldCardNumber() != null).count();
        long deceased = people.stream().filter(p -> p.deathDate() != null).count();
        assertThat(oldCards).isGreaterThan(100);
        assertThat(people).filteredOn(p -> p.oldCardNumber() != null).allSatisfy(p -> assertThat(p.oldCardNumber()).matches("\\d{9}"));
        assertThat(deceased).isGreaterThan(5);
        assertThat(people).filteredOn(p -> p.deathDate() != null)
                .allSatisfy(p -> assertThat(p.deathDate()).isAfter(p.birthDate()).isBefore(LocalDate.now().plusDays(1)));

        Map<String, Integer> sameNameAndBirth = new HashMap<>();
        people.forEach(p -> sameNameAndBirth.merge(p.fullName() + "|" + p.birthDate(), 1, Integer::sum));
        assertThat(sameNameAndBirth.get("Phạm Thị Lan|1990-01-01")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void namesFollowVietnameseFrequencies() {
        long nguyen = POPULATION.people().stream().filter(p -> p.familyName().equals("Nguyễn")).count();
        assertThat((double) nguyen / POPULATION.size()).isBetween(0.30, 0.46);
        assertThat(POPULATION.people()).filteredOn(Person::female)
                .extracting(Person::middleName).contains("Thị");
    }

    @Test
    void lookUpByOldCardFindsTheSamePerson() {
        Person bich = POPULATION.byOldCard("012345678").orElseThrow();
        assertThat(bich.personalId()).isEqualTo("001165004321");
        assertThat(POPULATION.byPersonalId("001165004321")).contains(bich);
    }
}
