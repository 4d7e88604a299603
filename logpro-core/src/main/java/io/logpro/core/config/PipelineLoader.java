package io.logpro.core.config;

import io.logpro.api.config.Config;
import io.logpro.api.config.ConfigException;
import io.logpro.api.config.ConfigSpec;
import io.logpro.api.config.MapConfig;
import io.logpro.core.ComponentRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads, interpolates and validates a pipeline file into a {@link PipelineDefinition}. */
public final class PipelineLoader {
  private final ComponentRegistry registry;
  private final Interpolator interpolator;

  public PipelineLoader(ComponentRegistry registry, Interpolator interpolator) {
    this.registry = registry;
    this.interpolator = interpolator;
  }

  public PipelineDefinition load(Path file) {
    return load(YamlReader.read(file, interpolator), file.toString());
  }

  public PipelineDefinition load(String yaml, String fileName) {
    return load(YamlReader.read(yaml, fileName, interpolator), fileName);
  }

  private PipelineDefinition load(ConfigNode root, String file) {
    ConfigValidator v = new ConfigValidator(file, registry);
    v.validateMapping(root, PipelineSpec.PIPELINE, "", Set.of());
    if (!(root instanceof ConfigNode.Mapping top)) throw new ConfigException(v.problems());

    ConfigNode nameNode = top.get("pipeline");
    if (nameNode instanceof ConfigNode.Scalar s && s.value() != null && !String.valueOf(s.value()).matches("[A-Za-z0-9_.-]+")) {
      v.problem(nameNode, "pipeline", "expected a name of letters, digits, '.', '_' or '-', found '" + s.value() + "'", null);
    }

    Map<String, ConfigNode.Mapping> sinkNodes = new LinkedHashMap<>();
    Map<String, ConfigSpec> sinkSpecs = new LinkedHashMap<>();
    ConfigNode sinks = top.get("sinks");
    if (sinks instanceof ConfigNode.Mapping sm) {
      if (sm.entries().isEmpty()) v.problem(sm, "sinks", "expected at least one sink", null);
      for (ConfigNode.Entry e : sm.entries().values()) {
        String path = "sinks." + e.key();
        if (!e.key().matches("[A-Za-z0-9_.-]+")) {
          v.problem(e.value(), path, "a sink name may hold letters, digits, '.', '_' and '-' only", null);
        }
        Set<String> extraKeys = Set.of("processing", "when");
        ConfigSpec spec = v.validateComponent(e.value(), ComponentRegistry.SINK, path, extraKeys);
        if (e.value() instanceof ConfigNode.Mapping m) {
          LinkedHashMap<String, ConfigNode.Entry> extra = new LinkedHashMap<>();
          for (String k : extraKeys) if (m.entries().containsKey(k)) extra.put(k, m.entries().get(k));
          v.validateMapping(new ConfigNode.Mapping(extra, m.line(), m.column()), PipelineSpec.SINK_EXTRA, path, Set.of());
        }
        if (spec != null && e.value() instanceof ConfigNode.Mapping m) {
          sinkNodes.put(e.key(), m);
          sinkSpecs.put(e.key(), spec);
        }
      }
    }
    if (!v.problems().isEmpty()) throw new ConfigException(v.problems());

    String name = String.valueOf(((ConfigNode.Scalar) top.get("pipeline")).value());
    YamlConfig pipeline = new YamlConfig(file, "", name, PipelineSpec.PIPELINE, top);
    ConfigNode.Mapping sourceNode = (ConfigNode.Mapping) top.get("source");
    String sourceType = String.valueOf(((ConfigNode.Scalar) sourceNode.get("type")).value());
    YamlConfig source = new YamlConfig(file, "source", "source", registry.spec(ComponentRegistry.SOURCE, sourceType).orElseThrow(), sourceNode);
    Config format = null;
    if (sourceNode.get("format") instanceof ConfigNode.Mapping fm) {
      String ft = String.valueOf(((ConfigNode.Scalar) fm.get("type")).value());
      format = new YamlConfig(file, "source.format", "format", registry.spec(ComponentRegistry.FORMAT, ft).orElseThrow(), fm);
    }

    List<Config> processing = processors(file, "processing", top.get("processing"));
    List<PipelineDefinition.SinkDefinition> sinkDefs = new ArrayList<>();
    for (var e : sinkNodes.entrySet()) {
      YamlConfig cfg = new YamlConfig(file, "sinks." + e.getKey(), e.getKey(), sinkSpecs.get(e.getKey()), e.getValue());
      List<Config> branch = new ArrayList<>();
      if (e.getValue().get("when") instanceof ConfigNode.Scalar w && w.value() != null) {
        // when: is a filter at the head of the sink's branch: rows it drops are routed away, not errors
        ConfigSpec filter = registry.spec(ComponentRegistry.PROCESSOR, "filter")
            .orElseThrow(() -> cfg.error("when", "routing with when: needs the filter processor (logpro-processors) on the classpath"));
        branch.add(new MapConfig("filter", "when", filter, Map.of("where", String.valueOf(w.value()))));
      }
      branch.addAll(processors(file, "sinks." + e.getKey() + ".processing", e.getValue().get("processing")));
      sinkDefs.add(new PipelineDefinition.SinkDefinition(e.getKey(), cfg, branch));
    }

    Config reliability = pipeline.object("reliability");
    Config engine = pipeline.object("engine");
    Config dlq;
    if (top.get("reliability") instanceof ConfigNode.Mapping rm && rm.get("dlq") instanceof ConfigNode.Mapping dm) {
      String dt = String.valueOf(((ConfigNode.Scalar) dm.get("type")).value());
      dlq = new YamlConfig(file, "reliability.dlq", "dlq", registry.spec(ComponentRegistry.SINK, dt).orElseThrow(), dm);
    } else {
      dlq = defaultDlq(name);
    }
    Config checkpointStore = null;
    if (top.get("reliability") instanceof ConfigNode.Mapping rm && rm.get("checkpoint_store") instanceof ConfigNode.Mapping cm) {
      String ct = String.valueOf(((ConfigNode.Scalar) cm.get("type")).value());
      checkpointStore = new YamlConfig(file, "reliability.checkpoint_store", "checkpoint_store",
          registry.spec(ComponentRegistry.CHECKPOINT_STORE, ct).orElseThrow(), cm);
    }
    long memoryLimit = engine.has("memory_limit") ? engine.bytes("memory_limit") : Runtime.getRuntime().maxMemory() / 2;
    return new PipelineDefinition(name, file, source, format, processing, sinkDefs, dlq,
        new PipelineDefinition.Engine(engine.integer("batch_rows"), engine.duration("linger"), engine.integer("queue_batches"),
            engine.bytes("queue_bytes"), memoryLimit, engine.bool("warm_up")),
        new PipelineDefinition.Reliability(reliability.duration("commit_interval"), reliability.duration("drain_timeout"),
            reliability.string("state_dir"), checkpointStore),
        PipelineDefinition.Observability.from(pipeline.object("observability")));
  }

  private Config defaultDlq(String pipelineName) {
    ConfigSpec spec = registry.spec(ComponentRegistry.SINK, "file")
        .orElseThrow(() -> new IllegalStateException("the built-in 'file' sink is missing from the classpath"));
    return new MapConfig("file", "dlq", spec, Map.of("path", "./lakehouse/_dlq/" + pipelineName));
  }

  private List<Config> processors(String file, String path, ConfigNode node) {
    List<Config> out = new ArrayList<>();
    if (!(node instanceof ConfigNode.Sequence seq)) return out;
    int i = 0;
    for (ConfigNode item : seq.items()) {
      ConfigNode.Mapping m = (ConfigNode.Mapping) item;
      String type = String.valueOf(((ConfigNode.Scalar) m.get("type")).value());
      String name = m.get("name") instanceof ConfigNode.Scalar s && s.value() != null ? String.valueOf(s.value()) : type;
      out.add(new YamlConfig(file, path + "[" + i++ + "]", name, registry.spec(ComponentRegistry.PROCESSOR, type).orElseThrow(), m));
    }
    return out;
  }
}
