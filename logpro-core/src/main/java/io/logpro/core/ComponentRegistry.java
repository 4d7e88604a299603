package io.logpro.core;

import io.logpro.api.ComponentFactory;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.format.FormatFactory;
import io.logpro.api.processor.ProcessorFactory;
import io.logpro.api.sink.SinkFactory;
import io.logpro.api.source.SourceFactory;
import io.logpro.core.config.SpecLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every component factory on the classpath, found with {@link ServiceLoader} and keyed by kind and type. */
public final class ComponentRegistry implements SpecLookup {
  public static final String SOURCE = "source";
  public static final String SINK = "sink";
  public static final String PROCESSOR = "processor";
  public static final String FORMAT = "format";
  public static final String CHECKPOINT_STORE = "checkpoint_store";

  private final Map<String, Map<String, ComponentFactory>> byKind = new LinkedHashMap<>();

  public ComponentRegistry(ClassLoader loader) {
    load(SOURCE, SourceFactory.class, loader);
    load(SINK, SinkFactory.class, loader);
    load(PROCESSOR, ProcessorFactory.class, loader);
    load(FORMAT, FormatFactory.class, loader);
    load(CHECKPOINT_STORE, io.logpro.api.checkpoint.CheckpointStoreFactory.class, loader);
  }

  public static ComponentRegistry load() {
    return new ComponentRegistry(ComponentRegistry.class.getClassLoader());
  }

  private <T extends ComponentFactory> void load(String kind, Class<T> type, ClassLoader loader) {
    Map<String, ComponentFactory> m = new TreeMap<>();
    for (T f : ServiceLoader.load(type, loader)) {
      ComponentFactory previous = m.put(f.type(), f);
      if (previous != null && previous.getClass() != f.getClass()) {
        throw new IllegalStateException("two " + kind + " factories for type '" + f.type() + "': "
            + previous.getClass().getName() + " and " + f.getClass().getName());
      }
    }
    byKind.put(kind, m);
  }

  @Override
  public Optional<ConfigSpec> spec(String kind, String type) {
    return factory(kind, type).map(ComponentFactory::spec);
  }

  @Override
  public Set<String> types(String kind) {
    return byKind.getOrDefault(kind, Map.of()).keySet();
  }

  public Optional<ComponentFactory> factory(String kind, String type) {
    return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(type));
  }

  public Map<String, Map<String, ComponentFactory>> all() {
    return byKind;
  }

  /**
   * A nested component block (such as a source's {@code format:}) read against its own spec, so
   * that its defaults apply and its errors point at its lines.
   */
  public io.logpro.api.config.Config configure(String kind, io.logpro.api.config.Config raw) {
    ConfigSpec spec = spec(kind, raw.type()).orElseThrow(() -> raw.error("type", "unknown " + kind + " type '" + raw.type() + "'"));
    if (raw instanceof io.logpro.core.config.YamlConfig y) return y.withSpec(spec);
    return new io.logpro.api.config.MapConfig(raw.type(), raw.name(), spec, raw.asMap());
  }

  /** Creates the format described by a nested {@code format:} block. */
  public io.logpro.api.format.Format createFormat(io.logpro.api.config.Config raw) {
    io.logpro.api.config.Config c = configure(FORMAT, raw);
    return format(c.type()).create(c);
  }

  public SourceFactory source(String type) {
    return (SourceFactory) require(SOURCE, type);
  }

  public SinkFactory sink(String type) {
    return (SinkFactory) require(SINK, type);
  }

  public ProcessorFactory processor(String type) {
    return (ProcessorFactory) require(PROCESSOR, type);
  }

  public io.logpro.api.checkpoint.CheckpointStoreFactory checkpointStore(String type) {
    return (io.logpro.api.checkpoint.CheckpointStoreFactory) require(CHECKPOINT_STORE, type);
  }

  public FormatFactory format(String type) {
    return (FormatFactory) require(FORMAT, type);
  }

  private ComponentFactory require(String kind, String type) {
    return factory(kind, type).orElseThrow(() -> new IllegalArgumentException("no " + kind + " of type '" + type + "'"));
  }
}
