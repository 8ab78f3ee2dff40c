package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import vn.lienthong.gateway.sandbox.Person.Address;

/**
 * The sandbox's electronic civil-status database (Cơ sở dữ liệu hộ tịch điện tử): birth, marriage and death
 * registrations about the people of the {@link Population}, generated from the same seed.
 *
 * <ul>
 *   <li>birth (KS): everyone born from 2000 on, and about half of the older people (old books digitized), registered at
 *       the birth commune within two months of the birth;</li>
 *   <li>marriage (KH): married women paired with married men of about their age, registered at the wife's commune;</li>
 *   <li>death (KT): everyone deceased, registered at the commune of permanent residence within two weeks.</li>
 * </ul>
 * A registration's number is the sandbox's own key (the real database's is not public):
 * {@code <type>-<commune code>-<year>-<entry, 6 digits>}, e.g. {@code KS-00004-2003-000123}; the book (quyển số) is
 * {@code NN/yyyy}, 200 entries a book.
 *
 * <p>Fixed cases the README and tests rely on:
 * <ul>
 *   <li>{@code KS-00004-2003-000123}: the birth of Nguyễn Văn An {@code 001203012345};</li>
 *   <li>{@code KH-11329-2014-000027}: the marriage of Phạm Thị Lan {@code 031190001111};</li>
 *   <li>{@code KT-13684-2021-000089}: the death of Lê Văn Hùng {@code 036048000777} (2021-03-15).</li>
 * </ul>
 */
public final class CivilStatusRecords {

    /** The kinds of registration, with the registry's code: KS khai sinh, KH kết hôn, KT khai tử. */
    public enum Kind { KS, KH, KT }

    /** One person as a registration names them. {@code personalId} may be null (a parent named only by name). */
    public record Party(String fullName, String personalId, LocalDate birthDate, boolean female) {
    }

    /**
     * One registration. {@code subject}: the child (KS), the husband (KH) or the deceased (KT); {@code other}: the wife
     * (KH); {@code father}/{@code mother}: names on a birth registration; {@code eventDate}: birth, marriage or death date;
     * {@code eventPlace}: where the birth or death happened.
     */
    public record Registration(String number, Kind kind, String book, LocalDate registeredOn, Address registeredAt,
                               Party subject, Party other, String father, String mother, LocalDate eventDate, String eventPlace) {
    }

    private final Map<String, Registration> byNumber = new LinkedHashMap<>();
    private final Map<String, List<Registration>> byPersonalId = new HashMap<>();
    private final Map<String, Integer> lastEntry = new HashMap<>();

    private CivilStatusRecords() {
    }

    /** Builds the registrations about {@code population}; the same seed and population always give the same records. */
    public static CivilStatusRecords generate(Population population, long seed) {
        CivilStatusRecords records = new CivilStatusRecords();
        Random random = new Random(seed * 17 + 3);
        records.fixedCases(population);
        List<Person> marriedMen = new ArrayList<>();
        for (Person p : population.people()) {
            if (records.byPersonalId.containsKey(p.personalId())) {
                continue; // a fixed case
            }
            if (p.birthDate().getYear() >= 2000 || random.nextBoolean()) {
                records.birth(p, null, p.birthDate().plusDays(random.nextInt(60)));
            }
            if (p.deathDate() != null) {
                records.death(p, null, p.deathDate().plusDays(random.nextInt(15)));
            }
            if ("2".equals(p.maritalStatus()) && !p.female() && p.deathDate() == null) {
                marriedMen.add(p);
            }
        }
        for (Person wife : population.people()) {
            if (marriedMen.isEmpty()) {
                break;
            }
            if (!"2".equals(wife.maritalStatus()) || !wife.female() || wife.deathDate() != null || records.married(wife.personalId())) {
                continue;
            }
            Person husband = marriedMen.remove(random.nextInt(marriedMen.size()));
            LocalDate younger = wife.birthDate().isAfter(husband.birthDate()) ? wife.birthDate() : husband.birthDate();
            LocalDate married = younger.plusYears(20 + random.nextInt(8)).plusDays(random.nextInt(365));
            if (married.isAfter(LocalDate.of(2025, 6, 30))) {
                married = LocalDate.of(2025, 6, 30);
            }
            records.marriage(husband, wife, null, married);
        }
        return records;
    }

    private void fixedCases(Population population) {
        Person an = population.byPersonalId("001203012345").orElse(null);
        Person lan = population.byPersonalId("031190001111").orElse(null);
        Person hung = population.byPersonalId("036048000777").orElse(null);
        if (an == null || lan == null || hung == null) {
            return; // a population without the fixed cases
        }
        birth(an, "KS-00004-2003-000123", LocalDate.of(2003, 5, 20));
        birth(lan, null, LocalDate.of(1990, 1, 12));
        Person husband = population.people().stream()
                .filter(p -> !p.female() && p.deathDate() == null && "2".equals(p.maritalStatus())
                        && p.birthDate().getYear() >= 1986 && p.birthDate().getYear() <= 1989)
                .findFirst().orElse(null);
        if (husband != null) {
            marriage(husband, lan, "KH-11329-2014-000027", LocalDate.of(2014, 10, 18));
        }
        death(hung, "KT-13684-2021-000089", LocalDate.of(2021, 3, 18));
    }

    private void birth(Person p, String number, LocalDate registeredOn) {
        Address at = p.birthPlace();
        add(new Registration(number(Kind.KS, at, registeredOn, number), Kind.KS, null, registeredOn, at, party(p), null,
                p.fatherName(), p.motherName(), p.birthDate(), at.communeName() + ", " + at.provinceName()), p.personalId());
    }

    private void marriage(Person husband, Person wife, String number, LocalDate married) {
        Address at = wife.permanentResidence();
        add(new Registration(number(Kind.KH, at, married, number), Kind.KH, null, married, at, party(husband), party(wife),
                null, null, married, null), husband.personalId(), wife.personalId());
    }

    private void death(Person p, String number, LocalDate registeredOn) {
        Address at = p.permanentResidence();
        add(new Registration(number(Kind.KT, at, registeredOn, number), Kind.KT, null, registeredOn, at, party(p), null,
                null, null, p.deathDate(), at.communeName() + ", " + at.provinceName()), p.personalId());
    }

    private static Party party(Person p) {
        return new Party(p.fullName(), p.personalId(), p.birthDate(), p.female());
    }

    /** The given number, or the next free entry of the commune's book of that kind and year. */
    private String number(Kind kind, Address at, LocalDate registeredOn, String fixed) {
        if (fixed != null) {
            return fixed;
        }
        String prefix = kind + "-" + at.communeCode() + "-" + registeredOn.getYear() + "-";
        String number;
        do {
            int entry = lastEntry.merge(prefix, 1, Integer::sum);
            number = prefix + String.format("%06d", entry);
        } while (byNumber.containsKey(number));
        return number;
    }

    private void add(Registration r, String... personalIds) {
        int entry = Integer.parseInt(r.number().substring(r.number().lastIndexOf('-') + 1));
        Registration withBook = new Registration(r.number(), r.kind(), String.format("%02d/%d", 1 + (entry - 1) / 200, r.registeredOn().getYear()),
                r.registeredOn(), r.registeredAt(), r.subject(), r.other(), r.father(), r.mother(), r.eventDate(), r.eventPlace());
        byNumber.put(r.number(), withBook);
        for (String id : personalIds) {
            byPersonalId.computeIfAbsent(id, k -> new ArrayList<>()).add(withBook);
        }
    }

    private boolean married(String personalId) {
        return byPersonalId.getOrDefault(personalId, List.of()).stream().anyMatch(r -> r.kind() == Kind.KH);
    }

    public Optional<Registration> byNumber(String number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** Every registration naming this person as child, spouse or deceased, oldest first. */
    public List<Registration> about(String personalId) {
        List<Registration> found = new ArrayList<>(byPersonalId.getOrDefault(personalId, List.of()));
        found.sort(java.util.Comparator.comparing(Registration::registeredOn));
        return Collections.unmodifiableList(found);
    }

    public int size() {
        return byNumber.size();
    }
}
