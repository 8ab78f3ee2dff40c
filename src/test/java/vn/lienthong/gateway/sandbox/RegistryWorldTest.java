package vn.lienthong.gateway.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The business, social-insurance and land records are about the population's own people, and the same seed gives the same records. */
class RegistryWorldTest {

    private static final Population POPULATION = PopulationGenerator.generate(20251123, 3000);

    @Test
    void everyoneInTheRegistriesIsACitizenOfThePopulation() {
        RegistryWorld world = RegistryWorld.generate(POPULATION, 20251123, 500);
        assertThat(world.enterprises()).hasSizeGreaterThanOrEqualTo(500);
        for (RegistryWorld.Enterprise e : world.enterprises()) {
            Person representative = POPULATION.byPersonalId(e.representativeId()).orElseThrow();
            assertThat(representative.fullName()).isEqualTo(e.representativeName());
            assertThat(e.code()).matches("\\d{10}(-\\d{3})?");
        }
        int insured = 0;
        int holders = 0;
        for (Person p : POPULATION.people()) {
            var participant = world.participantOf(p.personalId());
            if (participant.isPresent()) {
                insured++;
                assertThat(participant.get().fullName()).isEqualTo(p.fullName());
                assertThat(participant.get().birthDate()).isEqualTo(p.birthDate());
                assertThat(participant.get().number()).matches("\\d{10}");
            }
            for (RegistryWorld.Parcel parcel : world.parcelsHeldBy(p.personalId())) {
                holders++;
                assertThat(parcel.holders()).anyMatch(h -> h.personalId().equals(p.personalId()) && h.fullName().equals(p.fullName()));
            }
        }
        assertThat(insured).isBetween(POPULATION.size() / 3, POPULATION.size());
        assertThat(holders).isPositive();
        assertThat(world.participantOf("036048000777").orElseThrow().status()).isEqualTo("3");
        assertThat(world.parcel("CS 000001").orElseThrow().holders()).extracting(RegistryWorld.Holder::personalId)
                .containsExactly("001165004321", "001203012345");
    }

    @Test
    void theSameSeedGivesTheSameRegistries() {
        RegistryWorld a = RegistryWorld.generate(POPULATION, 7, 200);
        RegistryWorld b = RegistryWorld.generate(POPULATION, 7, 200);
        assertThat(a.enterprises()).isEqualTo(b.enterprises());
        assertThat(a.parcelCount()).isEqualTo(b.parcelCount());
        assertThat(a.participantCount()).isEqualTo(b.participantCount());
    }
}
