package io.logpro.api.config;

import java.util.List;

/**
 * One config field of a component, declared once. Validation, {@code logpro docs} and the JSON
 * Schema all come from these declarations.
 *
 * @param name          the YAML key
 * @param type          what kind of value it takes
 * @param defaultValue  the value when absent (as YAML would give it: String, Long, Double, Boolean, List), or null
 * @param doc           one sentence for the reference
 * @param example       an example value as it would be written in YAML, or null
 * @param required      whether it must be present
 * @param secret        never logged or printed; shown as *** in dumps
 * @param allowed       for {@link FieldType#ENUM}: the allowed values
 * @param nested        for OBJECT and OBJECT_LIST: the nested fields
 * @param componentKind for COMPONENT and COMPONENT_LIST: the kind ("format", "processor", "sink")
 */
public record FieldSpec(
    String name,
    FieldType type,
    Object defaultValue,
    String doc,
    String example,
    boolean required,
    boolean secret,
    List<String> allowed,
    ConfigSpec nested,
    String componentKind) {

  public FieldSpec {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
    doc = doc == null ? "" : doc;
  }

  public static FieldSpec of(String name, FieldType type, String doc) {
    return new FieldSpec(name, type, null, doc, null, false, false, List.of(), null, null);
  }

  public static FieldSpec string(String name, String doc) {
    return of(name, FieldType.STRING, doc);
  }

  public static FieldSpec integer(String name, String doc) {
    return of(name, FieldType.INT, doc);
  }

  public static FieldSpec bool(String name, String doc) {
    return of(name, FieldType.BOOLEAN, doc);
  }

  public static FieldSpec duration(String name, String doc) {
    return of(name, FieldType.DURATION, doc);
  }

  public static FieldSpec size(String name, String doc) {
    return of(name, FieldType.SIZE, doc);
  }

  public static FieldSpec strings(String name, String doc) {
    return of(name, FieldType.STRING_LIST, doc);
  }

  public static FieldSpec oneOf(String name, String doc, String... allowed) {
    return new FieldSpec(name, FieldType.ENUM, null, doc, null, false, false, List.of(allowed), null, null);
  }

  public static FieldSpec object(String name, String doc, ConfigSpec nested) {
    return new FieldSpec(name, FieldType.OBJECT, null, doc, null, false, false, List.of(), nested, null);
  }

  public static FieldSpec objects(String name, String doc, ConfigSpec nested) {
    return new FieldSpec(name, FieldType.OBJECT_LIST, null, doc, null, false, false, List.of(), nested, null);
  }

  public static FieldSpec component(String name, String kind, String doc) {
    return new FieldSpec(name, FieldType.COMPONENT, null, doc, null, false, false, List.of(), null, kind);
  }

  public static FieldSpec components(String name, String kind, String doc) {
    return new FieldSpec(name, FieldType.COMPONENT_LIST, null, doc, null, false, false, List.of(), null, kind);
  }

  public FieldSpec withDefault(Object value) {
    return new FieldSpec(name, type, value, doc, example, required, secret, allowed, nested, componentKind);
  }

  public FieldSpec withExample(String value) {
    return new FieldSpec(name, type, defaultValue, doc, value, required, secret, allowed, nested, componentKind);
  }

  public FieldSpec asRequired() {
    return new FieldSpec(name, type, defaultValue, doc, example, true, secret, allowed, nested, componentKind);
  }

  public FieldSpec asSecret() {
    return new FieldSpec(name, type, defaultValue, doc, example, required, true, allowed, nested, componentKind);
  }
}
