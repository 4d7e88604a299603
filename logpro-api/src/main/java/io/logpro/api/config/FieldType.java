package io.logpro.api.config;

/** The value kinds a component's config field can hold; validation and JSON Schema follow from it. */
public enum FieldType {
  STRING("a string"),
  INT("an integer"),
  LONG("an integer"),
  DOUBLE("a number"),
  BOOLEAN("true or false"),
  /** "500ms", "2s", "5m", "1h". */
  DURATION("a duration such as 500ms, 2s or 5m"),
  /** "64KB", "128MB", "1GB" or a number of bytes. */
  SIZE("a size such as 64KB, 128MB or 1GB"),
  /** One of {@link FieldSpec#allowed()}. */
  ENUM("one of the allowed values"),
  /** A list of strings; a single string is taken as a list of one. */
  STRING_LIST("a list of strings"),
  /** A nested mapping described by {@link FieldSpec#nested()}. */
  OBJECT("a mapping"),
  /** A list of nested mappings described by {@link FieldSpec#nested()}. */
  OBJECT_LIST("a list of mappings"),
  /** A nested component chosen by its {@code type:} key among those of {@link FieldSpec#componentKind()}. */
  COMPONENT("a mapping with a type"),
  /** A list of such components. */
  COMPONENT_LIST("a list of mappings, each with a type"),
  /** Free-form: any YAML value, checked by the component itself. */
  ANY("any value");

  private final String expected;

  FieldType(String expected) {
    this.expected = expected;
  }

  /** How an error message names what was expected. */
  public String expected() {
    return expected;
  }
}
