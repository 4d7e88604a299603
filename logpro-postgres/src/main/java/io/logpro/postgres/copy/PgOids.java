package io.logpro.postgres.copy;

/** The oids of PostgreSQL's built-in types (fixed in pg_type.dat, the same on every server). */
public final class PgOids {
  private PgOids() {}

  public static final int BOOL = 16;
  public static final int BYTEA = 17;
  public static final int NAME = 19;
  public static final int INT8 = 20;
  public static final int INT2 = 21;
  public static final int INT4 = 23;
  public static final int TEXT = 25;
  public static final int JSON = 114;
  public static final int XML = 142;
  public static final int FLOAT4 = 700;
  public static final int FLOAT8 = 701;
  public static final int BPCHAR = 1042;
  public static final int VARCHAR = 1043;
  public static final int DATE = 1082;
  public static final int TIME = 1083;
  public static final int TIMESTAMP = 1114;
  public static final int TIMESTAMPTZ = 1184;
  public static final int INTERVAL = 1186;
  public static final int NUMERIC = 1700;
  public static final int UUID = 2950;
  public static final int JSONB = 3802;

  /** The array type of a built-in element type, or 0 when not listed here. */
  public static int arrayOf(int element) {
    return switch (element) {
      case BOOL -> 1000;
      case BYTEA -> 1001;
      case INT2 -> 1005;
      case INT4 -> 1007;
      case TEXT -> 1009;
      case BPCHAR -> 1014;
      case VARCHAR -> 1015;
      case INT8 -> 1016;
      case FLOAT4 -> 1021;
      case FLOAT8 -> 1022;
      case TIMESTAMP -> 1115;
      case DATE -> 1182;
      case TIME -> 1183;
      case TIMESTAMPTZ -> 1185;
      case INTERVAL -> 1187;
      case NUMERIC -> 1231;
      case UUID -> 2951;
      case JSON -> 199;
      case JSONB -> 3807;
      default -> 0;
    };
  }
}
