package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;

/** One synthetic citizen of the sandbox population registry. */
public record Person(
        String personalId,
        String oldCardNumber,
        String familyName,
        String middleName,
        String givenName,
        boolean female,
        LocalDate birthDate,
        String ethnicity,
        String maritalStatus,
        Address birthPlace,
        Address hometown,
        Address permanentResidence,
        Address currentResidence,
        String fatherName,
        String motherName,
        LocalDate deathDate) {

    /** An address: province code (2 digits), commune code (5 digits), detail line. */
    public record Address(String provinceCode, String provinceName, String communeCode, String communeName, String detail) {
    }

    public String fullName() {
        return middleName.isEmpty() ? familyName + " " + givenName : familyName + " " + middleName + " " + givenName;
    }
}
