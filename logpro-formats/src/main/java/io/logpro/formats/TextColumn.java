package io.logpro.formats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes one text value (UTF-8 bytes) into a scalar Arrow vector, parsing it for its type.
 * Used by CSV for every field and by JSON for string tokens. {@link #write} returns false when
 * the text does not fit the type; the row is then rejected and rewritten by the next record.
 */
public abstract class TextColumn {
  protected final TextParsers parsers;

  protected TextColumn(TextParsers parsers) {
    this.parsers = parsers;
  }

  /** Writes the value of bytes [s, e) at {@code row}; false when it does not fit the type. */
  public abstract boolean write(int row, byte[] b, int s, int e);

  public abstract void writeNull(int row);

  /**
   * A writer for {@code vector}, or null when the type has no text form here (struct, list).
   * Fixed-width writers remember the vector's capacity and use the unchecked {@code set} below
   * it: {@code setSafe} recomputes the capacity (a division) per value, a tenth of CSV decode.
   * The capacity only grows while a decoder writes, so a remembered one is never too large.
   */
  public static TextColumn forVector(FieldVector vector, TextParsers p, boolean binaryIsBase64) {
    return switch (vector) {
      case IntVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          long x = p.parseLong(b, s, e);
          if (!p.ok || x != (int) x) return false;
          if (row < cap) {
            v.set(row, (int) x);
          } else {
            v.setSafe(row, (int) x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case BigIntVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          long x = p.parseLong(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x);
          } else {
            v.setSafe(row, x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case Float8Vector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          double x = p.parseDouble(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x);
          } else {
            v.setSafe(row, x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case Float4Vector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          double x = p.parseDouble(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, (float) x);
          } else {
            v.setSafe(row, (float) x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case BitVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          boolean x = p.parseBool(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x ? 1 : 0);
          } else {
            v.setSafe(row, x ? 1 : 0);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case VarCharVector v -> new TextColumn(p) {
        public boolean write(int row, byte[] b, int s, int e) {
          if (!TextParsers.validUtf8(b, s, e)) return false;
          v.setSafe(row, b, s, e - s);
          return true;
        }

        public void writeNull(int row) {
          v.setSafe(row, b0, 0, 0); // resets the offset so a rejected row's bytes do not linger
          v.setNull(row);
        }
      };
      case VarBinaryVector v -> new TextColumn(p) {
        public boolean write(int row, byte[] b, int s, int e) {
          if (binaryIsBase64) {
            byte[] d;
            try {
              d = Base64.getDecoder().decode(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException ex) {
              return false;
            }
            v.setSafe(row, d, 0, d.length);
          } else {
            v.setSafe(row, b, s, e - s);
          }
          return true;
        }

        public void writeNull(int row) {
          v.setSafe(row, b0, 0, 0);
          v.setNull(row);
        }
      };
      case DateDayVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          int x = p.parseDate(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x);
          } else {
            v.setSafe(row, x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case TimeMicroVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          long x = p.parseTime(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x);
          } else {
            v.setSafe(row, x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case TimeStampVector v -> new TextColumn(p) {
        private int cap = v.getValueCapacity();

        public boolean write(int row, byte[] b, int s, int e) {
          long x = p.parseTimestamp(b, s, e);
          if (!p.ok) return false;
          if (row < cap) {
            v.set(row, x);
          } else {
            v.setSafe(row, x);
            cap = v.getValueCapacity();
          }
          return true;
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      case DecimalVector v -> new TextColumn(p) {
        public boolean write(int row, byte[] b, int s, int e) {
          try {
            BigDecimal d = new BigDecimal(new String(b, s, e - s, StandardCharsets.ISO_8859_1).trim())
                .setScale(v.getScale(), RoundingMode.UNNECESSARY);
            if (d.precision() > v.getPrecision()) return false;
            v.setSafe(row, d);
            return true;
          } catch (ArithmeticException | NumberFormatException ex) {
            return false;
          }
        }

        public void writeNull(int row) {
          v.setNull(row);
        }
      };
      default -> null;
    };
  }

  private static final byte[] b0 = new byte[0];
}
