package io.logpro.core.dlq;

/** Names of replay routes: a letter rejected before the sinks goes to every sink, else to its own. */
public final class DeadLetterRoutes {
  /** The route of letters rejected by the decoder or a shared processor. */
  public static final String ALL = "*";

  private DeadLetterRoutes() {}
}
