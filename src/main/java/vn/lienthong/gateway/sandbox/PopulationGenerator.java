package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import vn.lienthong.gateway.sandbox.Person.Address;

/**
 * Generates the sandbox population deterministically from a seed: the same seed always gives the
 * same people. Names follow Vietnamese naming (family name by real frequency, a gendered middle
 * name, a given name); personal IDs follow the real rules (birth-province code, century/gender
 * digit, two-digit birth year, six-digit serial); addresses use province (2-digit) and commune
 * (5-digit) unit codes.
 *
 * <p>The first records are fixed edge cases the README tour and the tests rely on:
 * <ul>
 *   <li>{@code 001203012345} Nguyễn Văn An, born 2003-05-14 — an ordinary citizen;</li>
 *   <li>{@code 001165004321} Trần Thị Bích, who still holds the old 9-digit card {@code 012345678};</li>
 *   <li>{@code 036048000777} Lê Văn Hùng, deceased on 2021-03-15;</li>
 *   <li>{@code 031190001111} and {@code 079190002222}, two different women both named Phạm Thị Lan,
 *       both born 1990-01-01.</li>
 * </ul>
 */
public final class PopulationGenerator {

    /** Provinces used for birth places and residences: statistics code, name, communes (code, name). */
    private static final Object[][] PROVINCES = {
            {"01", "Thành phố Hà Nội", new String[][]{{"00004", "Phường Ba Đình"}, {"00008", "Phường Ngọc Hà"}, {"00025", "Phường Giảng Võ"}, {"00070", "Phường Hoàn Kiếm"}, {"00091", "Phường Cửa Nam"}, {"09619", "Xã Sóc Sơn"}}},
            {"79", "Thành phố Hồ Chí Minh", new String[][]{{"26734", "Phường Sài Gòn"}, {"26737", "Phường Tân Định"}, {"26740", "Phường Bến Thành"}, {"27139", "Phường Chợ Lớn"}, {"27673", "Xã Bình Chánh"}}},
            {"31", "Thành phố Hải Phòng", new String[][]{{"11311", "Phường Hồng Bàng"}, {"11329", "Phường Lê Chân"}, {"11359", "Phường Ngô Quyền"}, {"11680", "Xã Thủy Nguyên"}}},
            {"48", "Thành phố Đà Nẵng", new String[][]{{"20194", "Phường Hải Châu"}, {"20209", "Phường Thanh Khê"}, {"20257", "Phường Sơn Trà"}, {"20320", "Xã Hòa Vang"}}},
            {"46", "Thành phố Huế", new String[][]{{"19753", "Phường Thuận Hóa"}, {"19774", "Phường Phú Xuân"}, {"19900", "Xã Phú Vang"}}},
            {"92", "Thành phố Cần Thơ", new String[][]{{"31117", "Phường Ninh Kiều"}, {"31135", "Phường Cái Khế"}, {"31186", "Phường Bình Thủy"}}},
            {"38", "Tỉnh Thanh Hóa", new String[][]{{"14758", "Phường Hạc Thành"}, {"14797", "Phường Quảng Phú"}, {"15025", "Xã Hoằng Hóa"}}},
            {"40", "Tỉnh Nghệ An", new String[][]{{"16681", "Phường Trường Vinh"}, {"16690", "Phường Thành Vinh"}, {"17011", "Xã Diễn Châu"}}},
            {"36", "Tỉnh Ninh Bình", new String[][]{{"13684", "Phường Nam Định"}, {"13702", "Phường Thiên Trường"}, {"14362", "Phường Hoa Lư"}}},
    };

    private static final String[] FAMILY_NAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    /** Rough share, in percent, of each family name above. */
    private static final int[] FAMILY_WEIGHTS = {38, 11, 10, 7, 4, 2, 5, 3, 2, 2, 2, 2, 2, 2, 2, 1};
    private static final String[] MALE_MIDDLE = {"Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Ngọc", "Tuấn"};
    private static final String[] FEMALE_MIDDLE = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Phương", "Mai", "Bảo"};
    private static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tùng", "Việt"};
    private static final String[] FEMALE_GIVEN = {"Anh", "Bích", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến"};
    private static final String[] STREETS = {"phố Đội Cấn", "phố Kim Mã", "đường Lê Lợi", "đường Trần Hưng Đạo", "đường Nguyễn Huệ", "phố Hàng Bông", "đường Hai Bà Trưng", "đường Lý Thường Kiệt", "đường Quang Trung", "đường Bạch Đằng"};
    private static final String[] ETHNICITIES = {"01", "01", "01", "01", "01", "01", "01", "01", "02", "03", "04", "05", "06"};

    private PopulationGenerator() {
    }

    public static Population generate(long seed, int size) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>(Math.max(size, 8));
        Set<String> ids = new HashSet<>();
        Set<String> cards = new HashSet<>();
        for (Person fixed : fixedCases()) {
            people.add(fixed);
            ids.add(fixed.personalId());
            if (fixed.oldCardNumber() != null) {
                cards.add(fixed.oldCardNumber());
            }
        }
        while (people.size() < size) {
            people.add(randomPerson(random, ids, cards));
        }
        return new Population(people);
    }

    private static Person randomPerson(Random random, Set<String> ids, Set<String> cards) {
        boolean female = random.nextBoolean();
        int year = 1935 + random.nextInt(90);
        LocalDate birthDate = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
        Object[] birthProvince = PROVINCES[random.nextInt(PROVINCES.length)];
        String personalId;
        do {
            personalId = personalId((String) birthProvince[0], female, year, random.nextInt(1_000_000));
        } while (!ids.add(personalId));
        String oldCard = null;
        if (year < 1990 && random.nextInt(100) < 15) {
            do {
                oldCard = String.format("%09d", random.nextInt(400_000_000));
            } while (!cards.add(oldCard));
        }
        String family = weighted(random);
        Address birthPlace = address(random, birthProvince, false);
        Address permanent = random.nextInt(100) < 70 ? address(random, birthProvince, true)
                : address(random, PROVINCES[random.nextInt(PROVINCES.length)], true);
        Address current = random.nextInt(100) < 80 ? permanent : address(random, PROVINCES[random.nextInt(PROVINCES.length)], true);
        LocalDate death = null;
        if (year < 1950 && random.nextInt(100) < 8) {
            death = LocalDate.of(2015 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
        }
        return new Person(personalId, oldCard, family,
                pick(random, female ? FEMALE_MIDDLE : MALE_MIDDLE),
                pick(random, female ? FEMALE_GIVEN : MALE_GIVEN),
                female, birthDate, pick(random, ETHNICITIES),
                year > 2000 ? "1" : String.valueOf(1 + random.nextInt(4)),
                birthPlace, birthPlace, permanent, current,
                family + " " + pick(random, MALE_MIDDLE) + " " + pick(random, MALE_GIVEN),
                pick(random, FAMILY_NAMES) + " Thị " + pick(random, FEMALE_GIVEN),
                death);
    }

    /** {@code 0PP G YY NNNNNN}: the birth province's 3-digit code, century/gender, year, serial. */
    static String personalId(String provinceCode, boolean female, int year, int serial) {
        int centuryIndex = switch (year / 100) {
            case 19 -> 0;
            case 20 -> 1;
            case 21 -> 2;
            case 22 -> 3;
            default -> 4; // 18xx
        };
        int digit = centuryIndex * 2 + (female ? 1 : 0);
        return String.format("0%s%d%02d%06d", provinceCode, digit, year % 100, serial);
    }

    private static List<Person> fixedCases() {
        Address hanoi = new Address("01", "Thành phố Hà Nội", "00004", "Phường Ba Đình", "Số 12, ngõ 34, phố Đội Cấn");
        Address hanoi2 = new Address("01", "Thành phố Hà Nội", "00025", "Phường Giảng Võ", "Số 5, phố Kim Mã");
        Address ninhBinh = new Address("36", "Tỉnh Ninh Bình", "13684", "Phường Nam Định", "Số 8, đường Trần Hưng Đạo");
        Address haiPhong = new Address("31", "Thành phố Hải Phòng", "11329", "Phường Lê Chân", "Số 21, đường Lý Thường Kiệt");
        Address hcm = new Address("79", "Thành phố Hồ Chí Minh", "26740", "Phường Bến Thành", "Số 102, đường Lê Lợi");
        return List.of(
                new Person("001203012345", null, "Nguyễn", "Văn", "An", false, LocalDate.of(2003, 5, 14), "01", "1",
                        hanoi, hanoi, hanoi, hanoi2, "Nguyễn Văn Bình", "Trần Thị Hoa", null),
                new Person("001165004321", "012345678", "Trần", "Thị", "Bích", true, LocalDate.of(1965, 9, 2), "01", "2",
                        hanoi2, hanoi2, hanoi2, hanoi2, "Trần Văn Dũng", "Lê Thị Mai", null),
                new Person("036048000777", null, "Lê", "Văn", "Hùng", false, LocalDate.of(1948, 11, 20), "01", "4",
                        ninhBinh, ninhBinh, ninhBinh, ninhBinh, "Lê Văn Sơn", "Phạm Thị Lan", LocalDate.of(2021, 3, 15)),
                new Person("031190001111", null, "Phạm", "Thị", "Lan", true, LocalDate.of(1990, 1, 1), "01", "2",
                        haiPhong, haiPhong, haiPhong, haiPhong, "Phạm Văn Long", "Vũ Thị Hằng", null),
                new Person("079190002222", null, "Phạm", "Thị", "Lan", true, LocalDate.of(1990, 1, 1), "04", "1",
                        hcm, hcm, hcm, hcm, "Phạm Quang Minh", "Huỳnh Thị Ngọc", null));
    }

    private static Address address(Random random, Object[] province, boolean withStreet) {
        String[][] communes = (String[][]) province[2];
        String[] commune = communes[random.nextInt(communes.length)];
        String detail = withStreet
                ? "Số " + (1 + random.nextInt(250)) + ", " + pick(random, STREETS)
                : "";
        return new Address((String) province[0], (String) province[1], commune[0], commune[1], detail);
    }

    private static String weighted(Random random) {
        int total = 0;
        for (int w : FAMILY_WEIGHTS) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < FAMILY_WEIGHTS.length; i++) {
            roll -= FAMILY_WEIGHTS[i];
            if (roll < 0) {
                return FAMILY_NAMES[i];
            }
        }
        return FAMILY_NAMES[0];
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
