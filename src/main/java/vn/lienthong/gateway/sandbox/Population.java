package vn.lienthong.gateway.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sandbox population: every synthetic citizen, indexed by personal ID and by old card number. */
public final class Population {

    private final List<Person> people;
    private final Map<String, Person> byPersonalId = new HashMap<>();
    private final Map<String, Person> byOldCard = new HashMap<>();

    Population(List<Person> people) {
        this.people = Collections.unmodifiableList(people);
        for (Person p : people) {
            if (byPersonalId.put(p.personalId(), p) != null) {
                throw new IllegalStateException("Duplicate personal ID in the sandbox population");
            }
            if (p.oldCardNumber() != null && byOldCard.put(p.oldCardNumber(), p) != null) {
                throw new IllegalStateException("Duplicate old card number in the sandbox population");
            }
        }
    }

    public Optional<Person> byPersonalId(String id) {
        return Optional.ofNullable(byPersonalId.get(id));
    }

    public Optional<Person> byOldCard(String number) {
        return Optional.ofNullable(byOldCard.get(number));
    }

    public List<Person> people() {
        return people;
    }

    public int size() {
        return people.size();
    }
}
