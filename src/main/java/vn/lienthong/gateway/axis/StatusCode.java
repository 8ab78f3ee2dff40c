package vn.lienthong.gateway.axis;

import java.util.Arrays;
import java.util.Optional;

/** The edXML status feedback codes (QCVN 102:2016, amended 2022). */
public enum StatusCode {
    ARRIVED("01", "arrived (đã đến)"),
    REFUSED("02", "refused (từ chối tiếp nhận)"),
    RECEIVED("03", "received (đã tiếp nhận)"),
    ASSIGNED("04", "assigned (phân công)"),
    IN_PROCESSING("05", "in processing (đang xử lý)"),
    FINISHED("06", "finished (hoàn thành)"),
    RECALLED("13", "recalled (lấy lại)"),
    RECALL_ACCEPTED("15", "recall/update accepted (đồng ý lấy lại/cập nhật)"),
    RECALL_REFUSED("16", "recall/update refused (từ chối lấy lại/cập nhật)");

    private final String code;
    private final String meaning;

    StatusCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<StatusCode> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The meaning of a code, also for codes 07..12 and 14 that the standard reserves. */
    public static String meaningOf(String code) {
        return of(code).map(StatusCode::meaning).orElse("status " + code);
    }
}
