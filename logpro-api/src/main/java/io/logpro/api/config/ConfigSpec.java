package io.logpro.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a component accepts in its YAML block, declared once.
 *
 * @param type   the {@code type:} name that selects the component (empty for nested objects)
 * @param doc    what the component does, one paragraph
 * @param fields its fields
 * @param open   whether keys beyond {@code fields} are allowed (passed through, e.g. client properties)
 */
public record ConfigSpec(String type, String doc, List<FieldSpec> fields, boolean open) {

  public ConfigSpec {
    fields = List.copyOf(fields);
  }

  public static Builder builder(String type, String doc) {
    return new Builder(type, doc);
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public static final class Builder {
    private final String type;
    private final String doc;
    private final List<FieldSpec> fields = new ArrayList<>();
    private boolean open;

    private Builder(String type, String doc) {
      this.type = type;
      this.doc = doc;
    }

    public Builder field(FieldSpec field) {
      fields.add(field);
      return this;
    }

    /** Fields several components share, declared once. */
    public Builder fields(List<FieldSpec> shared) {
      fields.addAll(shared);
      return this;
    }

    /** Accept keys that are not declared (they reach the component untouched). */
    public Builder open() {
      this.open = true;
      return this;
    }

    public ConfigSpec build() {
      return new ConfigSpec(type, doc, fields, open);
    }
  }
}
