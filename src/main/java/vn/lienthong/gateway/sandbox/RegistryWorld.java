package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import vn.lienthong.gateway.sandbox.Person.Address;

/**
 * The sandbox's business registry, social-insurance and land records, generated from the same seed
 * as the {@link Population} and about the same people: enterprises are founded and represented by
 * living adults of the population, insured participants and land holders are its citizens. So a
 * reuse check about one person finds the same person everywhere.
 *
 * <p>Fixed cases the README and tests rely on:
 * <ul>
 *   <li>enterprise {@code 0109876543} (active) and its branch {@code 0109876543-001}, represented by
 *       Nguyễn Văn An {@code 001203012345}; enterprise {@code 0100234567}, dissolved, represented by
 *       Trần Thị Bích {@code 001165004321};</li>
 *   <li>social insurance {@code 0123456789} is Nguyễn Văn An; {@code 0136048777} is Lê Văn Hùng
 *       (deceased, participation closed); the two Phạm Thị Lan born 1990-01-01 are both insured
 *       ({@code 3112345678}, {@code 7912345678});</li>
 *   <li>land-use certificate {@code CS 000001}: parcel 345 on map sheet 12 of commune 00025,
 *       held jointly by Trần Thị Bích and Nguyễn Văn An; {@code CS 000002} revoked, held by Lê Văn Hùng.</li>
 * </ul>
 */
public final class RegistryWorld {

    /** An enterprise (or a branch: code {@code NNNNNNNNNN-NNN}, with its parent's code). */
    public record Enterprise(String code, String parentCode, String name, String shortName, String foreignName, String type,
                             LocalDate foundingDate, LocalDate lastAmendDate, String status, String representativeId,
                             String representativeName, long capital, Address headOffice, List<String> activities) {
        public boolean active() {
            return "Đang hoạt động".equals(status);
        }
    }

    /** A social-insurance participant. {@code status}: 1 participating, 2 stopped, 3 closed (deceased). */
    public record Participant(String number, String personalId, String fullName, LocalDate birthDate, boolean female,
                              String birthProvinceCode, String birthCommuneCode, String status) {
    }

    /** A land parcel and its certificate. {@code status}: "Còn hiệu lực" or "Đã thu hồi". */
    public record Parcel(String certificateNumber, String communeCode, int mapSheet, int parcelNumber, double area,
                         String address, String landUse, LocalDate issueDate, String status, List<Holder> holders) {
        public boolean valid() {
            return "Còn hiệu lực".equals(status);
        }
    }

    public record Holder(String fullName, String personalId) {
    }

    private static final String[] TYPES = {"Công ty trách nhiệm hữu hạn một thành viên", "Công ty trách nhiệm hữu hạn hai thành viên trở lên",
            "Công ty cổ phần", "Doanh nghiệp tư nhân"};
    private static final String[] TYPE_PREFIX = {"CÔNG TY TNHH", "CÔNG TY TNHH", "CÔNG TY CỔ PHẦN", "DOANH NGHIỆP TƯ NHÂN"};
    private static final String[] TRADES = {"THƯƠNG MẠI", "XÂY DỰNG", "DỊCH VỤ", "VẬN TẢI", "CÔNG NGHỆ", "THỰC PHẨM", "DU LỊCH", "NÔNG SẢN", "MAY MẶC", "TƯ VẤN"};
    private static final String[] TRADES_EN = {"TRADING", "CONSTRUCTION", "SERVICES", "TRANSPORT", "TECHNOLOGY", "FOOD", "TRAVEL", "AGRICULTURE", "GARMENT", "CONSULTING"};
    private static final String[] WORDS = {"AN PHÁT", "HOÀNG GIA", "MINH ANH", "THÀNH CÔNG", "ĐẠI VIỆT", "SAO MAI", "PHÚ THỊNH", "TÂN TIẾN", "HƯNG THỊNH", "BÌNH MINH", "TRƯỜNG AN", "NAM PHONG"};
    private static final String[] ACTIVITIES = {"4610 - Đại lý, môi giới, đấu giá hàng hóa", "4100 - Xây dựng nhà để ở", "4933 - Vận tải hàng hóa bằng đường bộ",
            "6201 - Lập trình máy vi tính", "5610 - Nhà hàng và các dịch vụ ăn uống phục vụ lưu động", "7911 - Đại lý du lịch",
            "4620 - Bán buôn nông, lâm sản nguyên liệu", "1410 - May trang phục", "7020 - Hoạt động tư vấn quản lý"};
    private static final String[] STATUSES = {"Đang hoạt động", "Tạm ngừng kinh doanh có thời hạn", "Đã giải thể"};
    private static final String[] LAND_USE = {"ONT - Đất ở tại nông thôn", "ODT - Đất ở tại đô thị", "LUC - Đất chuyên trồng lúa nước", "CLN - Đất trồng cây lâu năm"};
    private static final String[] SERIES = {"CS", "CT", "DA", "DB", "CH"};

    private final Map<String, Enterprise> enterprises = new LinkedHashMap<>();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Participant> participantByPersonalId = new HashMap<>();
    private final Map<String, Parcel> parcels = new LinkedHashMap<>();
    private final Map<String, List<Parcel>> parcelsByHolder = new HashMap<>();
    private final Map<String, List<Enterprise>> enterprisesByRepresentative = new HashMap<>();

    private RegistryWorld() {
    }

    /** Builds the registries about {@code population}; the same seed and population always give the same records. */
    public static RegistryWorld generate(Population population, long seed, int enterpriseCount) {
        RegistryWorld world = new RegistryWorld();
        Random random = new Random(seed * 31 + 7);
        world.fixedCases(population);
        List<Person> adults = new ArrayList<>();
        for (Person p : population.people()) {
            if (p.deathDate() == null && p.birthDate().getYear() <= 2006) {
                adults.add(p);
            }
        }
        Set<String> codes = new HashSet<>(world.enterprises.keySet());
        int target = world.enterprises.size() + enterpriseCount;
        while (world.enterprises.size() < target && !adults.isEmpty()) {
            Person owner = adults.get(random.nextInt(adults.size()));
            String code;
            do {
                code = String.format("%02d%08d", 1 + random.nextInt(96), random.nextInt(100_000_000));
            } while (!codes.add(code));
            int t = random.nextInt(TYPES.length);
            int trade = random.nextInt(TRADES.length);
            String word = WORDS[random.nextInt(WORDS.length)];
            String name = TYPE_PREFIX[t] + " " + TRADES[trade] + " " + word;
            LocalDate founded = LocalDate.of(2000 + random.nextInt(25), 1, 1).plusDays(random.nextInt(365));
            if (founded.isBefore(owner.birthDate().plusYears(18))) {
                founded = owner.birthDate().plusYears(18).plusDays(random.nextInt(365));
            }
            if (founded.isAfter(LocalDate.of(2025, 6, 30))) {
                founded = LocalDate.of(2025, 6, 30);
            }
            int roll = random.nextInt(100);
            String status = roll < 86 ? STATUSES[0] : roll < 93 ? STATUSES[1] : STATUSES[2];
            Enterprise e = new Enterprise(code, null, name, word, word + " " + TRADES_EN[trade] + " COMPANY LIMITED", TYPES[t], founded,
                    founded.plusDays(random.nextInt(700)), status, owner.personalId(), owner.fullName(),
                    (1 + random.nextInt(200)) * 100_000_000L, owner.currentResidence(),
                    List.of(ACTIVITIES[random.nextInt(ACTIVITIES.length)], ACTIVITIES[random.nextInt(ACTIVITIES.length)]));
            world.add(e);
            if (random.nextInt(100) < 10) {
                world.add(new Enterprise(code + "-001", code, "CHI NHÁNH " + name, word, e.foreignName() + " BRANCH", "Chi nhánh",
                        founded.plusYears(1), founded.plusYears(1), status, owner.personalId(), owner.fullName(), 0,
                        owner.permanentResidence(), e.activities()));
            }
        }
        Set<String> numbers = new HashSet<>(world.participants.keySet());
        Set<String> certificates = new HashSet<>(world.parcels.keySet());
        for (Person p : population.people()) {
            int age = 2025 - p.birthDate().getYear();
            if (world.participantByPersonalId.containsKey(p.personalId())) {
                continue;
            }
            if (age >= 18 && random.nextInt(100) < 62) {
                String number;
                do {
                    number = p.birthPlace().provinceCode() + String.format("%08d", random.nextInt(100_000_000));
                } while (!numbers.add(number));
                String status = p.deathDate() != null ? "3" : age > 62 || random.nextInt(100) < 15 ? "2" : "1";
                world.add(new Participant(number, p.personalId(), p.fullName(), p.birthDate(), p.female(),
                        p.birthPlace().provinceCode(), p.birthPlace().communeCode(), status));
            }
            if (age >= 25 && random.nextInt(100) < 30 && !world.parcelsByHolder.containsKey(p.personalId())) {
                int count = 1 + (random.nextInt(100) < 20 ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    String cert;
                    do {
                        cert = SERIES[random.nextInt(SERIES.length)] + " " + String.format("%06d", 1000 + random.nextInt(999_000));
                    } while (!certificates.add(cert));
                    List<Holder> holders = new ArrayList<>();
                    holders.add(new Holder(p.fullName(), p.personalId()));
                    if (random.nextInt(100) < 25) {
                        Person spouse = adults.get(random.nextInt(adults.size()));
                        if (!spouse.personalId().equals(p.personalId())) {
                            holders.add(new Holder(spouse.fullName(), spouse.personalId()));
                        }
                    }
                    Address a = p.permanentResidence();
                    LocalDate issued = LocalDate.of(1995 + random.nextInt(30), 1, 1).plusDays(random.nextInt(365));
                    world.add(new Parcel(cert, a.communeCode(), 1 + random.nextInt(60), 1 + random.nextInt(900),
                            Math.round((50 + random.nextDouble() * 950) * 10) / 10.0,
                            a.detail().isEmpty() ? a.communeName() + ", " + a.provinceName() : a.detail() + ", " + a.communeName() + ", " + a.provinceName(),
                            LAND_USE[random.nextInt(LAND_USE.length)], issued, random.nextInt(100) < 4 ? "Đã thu hồi" : "Còn hiệu lực",
                            List.copyOf(holders)));
                }
            }
        }
        return world;
    }

    private void fixedCases(Population population) {
        Person an = population.byPersonalId("001203012345").orElse(null);
        Person bich = population.byPersonalId("001165004321").orElse(null);
        Person hung = population.byPersonalId("036048000777").orElse(null);
        Person lan1 = population.byPersonalId("031190001111").orElse(null);
        Person lan2 = population.byPersonalId("079190002222").orElse(null);
        if (an == null || bich == null || hung == null || lan1 == null || lan2 == null) {
            return; // a population without the fixed cases (tests of the generator itself)
        }
        add(new Enterprise("0109876543", null, "CÔNG TY TNHH CÔNG NGHỆ AN PHÁT", "AN PHÁT", "AN PHAT TECHNOLOGY COMPANY LIMITED",
                TYPES[0], LocalDate.of(2024, 3, 1), LocalDate.of(2025, 2, 10), STATUSES[0], an.personalId(), an.fullName(),
                1_000_000_000L, an.currentResidence(), List.of(ACTIVITIES[3])));
        add(new Enterprise("0109876543-001", "0109876543", "CHI NHÁNH CÔNG TY TNHH CÔNG NGHỆ AN PHÁT TẠI HẢI PHÒNG", "AN PHÁT",
                "AN PHAT TECHNOLOGY COMPANY LIMITED BRANCH", "Chi nhánh", LocalDate.of(2025, 1, 6), LocalDate.of(2025, 1, 6),
                STATUSES[0], an.personalId(), an.fullName(), 0, lan1.permanentResidence(), List.of(ACTIVITIES[3])));
        add(new Enterprise("0100234567", null, "CÔNG TY CỔ PHẦN THƯƠNG MẠI BÍCH TRẦN", "BÍCH TRẦN", "BICH TRAN TRADING JOINT STOCK COMPANY",
                TYPES[2], LocalDate.of(1998, 6, 15), LocalDate.of(2019, 12, 30), STATUSES[2], bich.personalId(), bich.fullName(),
                5_000_000_000L, bich.permanentResidence(), List.of(ACTIVITIES[0])));
        add(participant("0123456789", an, "1"));
        add(participant("0136048777", hung, "3"));
        add(participant("3112345678", lan1, "1"));
        add(participant("7912345678", lan2, "2"));
        add(new Parcel("CS 000001", "00025", 12, 345, 86.4, "Số 5, phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội", LAND_USE[1],
                LocalDate.of(2015, 8, 20), "Còn hiệu lực", List.of(new Holder(bich.fullName(), bich.personalId()), new Holder(an.fullName(), an.personalId()))));
        add(new Parcel("CS 000002", "13684", 7, 21, 152.0, "Số 8, đường Trần Hưng Đạo, Phường Nam Định, Tỉnh Ninh Bình", LAND_USE[1],
                LocalDate.of(2001, 4, 2), "Đã thu hồi", List.of(new Holder(hung.fullName(), hung.personalId()))));
    }

    private static Participant participant(String number, Person p, String status) {
        return new Participant(number, p.personalId(), p.fullName(), p.birthDate(), p.female(), p.birthPlace().provinceCode(),
                p.birthPlace().communeCode(), status);
    }

    private void add(Enterprise e) {
        enterprises.put(e.code(), e);
        enterprisesByRepresentative.computeIfAbsent(e.representativeId(), k -> new ArrayList<>()).add(e);
    }

    private void add(Participant p) {
        participants.put(p.number(), p);
        participantByPersonalId.put(p.personalId(), p);
    }

    private void add(Parcel p) {
        parcels.put(p.certificateNumber(), p);
        for (Holder h : p.holders()) {
            parcelsByHolder.computeIfAbsent(h.personalId(), k -> new ArrayList<>()).add(p);
        }
    }

    public Optional<Enterprise> enterprise(String code) {
        return Optional.ofNullable(enterprises.get(code));
    }

    public List<Enterprise> enterprises() {
        return List.copyOf(enterprises.values());
    }

    public List<Enterprise> enterprisesRepresentedBy(String personalId) {
        return enterprisesByRepresentative.getOrDefault(personalId, List.of());
    }

    public Optional<Participant> participant(String number) {
        return Optional.ofNullable(participants.get(number));
    }

    public Optional<Participant> participantOf(String personalId) {
        return Optional.ofNullable(participantByPersonalId.get(personalId));
    }

    /** Participants with this name (exact, as registered) and birth date. */
    public List<Participant> search(String fullName, LocalDate birthDate) {
        List<Participant> found = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (p.birthDate().equals(birthDate) && p.fullName().equalsIgnoreCase(fullName)) {
                found.add(p);
            }
        }
        return found;
    }

    public Optional<Parcel> parcel(String certificateNumber) {
        return Optional.ofNullable(parcels.get(certificateNumber));
    }

    public Optional<Parcel> parcel(String communeCode, int mapSheet, int parcelNumber) {
        return parcels.values().stream()
                .filter(p -> p.communeCode().equals(communeCode) && p.mapSheet() == mapSheet && p.parcelNumber() == parcelNumber)
                .findFirst();
    }

    public List<Parcel> parcelsHeldBy(String personalId) {
        return Collections.unmodifiableList(parcelsByHolder.getOrDefault(personalId, List.of()));
    }

    public int parcelCount() {
        return parcels.size();
    }

    public int participantCount() {
        return participants.size();
    }
}
