package vn.lienthong.gateway.production;

import java.util.List;

/** The {@code prod} profile was started without settings it cannot do without. */
public class MissingProductionSettingsException extends IllegalStateException {

    private final List<String> problems;

    public MissingProductionSettingsException(List<String> problems) {
        super("The prod profile cannot start: " + problems.size() + " setting(s) missing or unsafe:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
