package io.logpro.postgres.copy;

import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Dates, times, timestamps and intervals. PostgreSQL counts from 2000-01-01 (days for date,
 * microseconds for timestamp and timestamptz, both UTC for timestamptz), Arrow from 1970-01-01.
 */
final class TemporalCodecs {
  static final int PG_EPOCH_DAYS = 10_957;
  static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  private TemporalCodecs() {}

  static long toMicros(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> Math.multiplyExact(value, 1_000_000L);
      case MILLISECOND -> Math.multiplyExact(value, 1_000L);
      case MICROSECOND -> value;
      case NANOSECOND -> Math.floorDiv(value, 1_000L);
    };
  }

  /** DateDay or DateMilli into date: int4 days since 2000-01-01. */
  static final class DateCodec extends VectorCodec<ValueVector> {
    private final boolean millis;

    DateCodec(ValueVector vector) {
      super(vector);
      this.millis = vector instanceof DateMilliVector;
    }

    private long days(int index) {
      return millis ? Math.floorDiv(((DateMilliVector) vector).get(index), DAY_MILLIS) : ((DateDayVector) vector).get(index);
    }

    @Override
    public int size(int index) {
      return 4;
    }

    @Override
    public int write(int index, byte[] out, int pos) {
      return BigEndian.putInt(out, pos, (int) (days(index) - PG_EPOCH_DAYS));
    }

    @Override
    public boolean mayReject() {
      return millis;
    }

    @Override
    public String reject(int index) {
      long d = days(index) - PG_EPOCH_DAYS;
      return d == (int) d ? null : "22008: date out of range: " + days(index) + " days since 1970-01-01";
    }
  }

  /** Time(any unit) into time: int8 microseconds since midnight. */
  static final class TimeCodec extends VectorCodec<ValueVector> {
    TimeCodec(ValueVector vector) {
      super(vector);
    }

    @Override
    public int size(int index) {
      return 8;
    }

    @Override
    public int write(int index, byte[] out, int pos) {
      long micros;
      if (vector instanceof TimeMicroVector v) micros = v.get(index);
      else if (vector instanceof TimeNanoVector v) micros = v.get(index) / 1_000L;
      else if (vector instanceof TimeMilliVector v) micros = v.get(index) * 1_000L;
      else micros = ((TimeSecVector) vector).get(index) * 1_000_000L;
      return BigEndian.putLong(out, pos, micros);
    }
  }

  /** Timestamp(any unit, any zone) into timestamp or timestamptz: int8 microseconds since 2000-01-01 (UTC). */
  static final class TimestampCodec extends VectorCodec<TimeStampVector> {
    private final TimeUnit unit;

    TimestampCodec(TimeStampVector vector, TimeUnit unit) {
      super(vector);
      this.unit = unit;
    }

    @Override
    public int size(int index) {
      return 8;
    }

    @Override
    public int write(int index, byte[] out, int pos) {
      return BigEndian.putLong(out, pos, toMicros(vector.get(index), unit) - PG_EPOCH_MICROS);
    }

    @Override
    public boolean mayReject() {
      return true;
    }

    @Override
    public String reject(int index) {
      try {
        Math.subtractExact(toMicros(vector.get(index), unit), PG_EPOCH_MICROS);
        return null;
      } catch (ArithmeticException e) {
        return "22008: timestamp out of range: " + vector.get(index) + " " + unit.name().toLowerCase() + "s since 1970-01-01";
      }
    }
  }

  /** Duration(any unit) into interval: int8 microseconds, int4 days 0, int4 months 0. */
  static final class IntervalCodec extends VectorCodec<DurationVector> {
    private final TimeUnit unit;

    IntervalCodec(DurationVector vector, TimeUnit unit) {
      super(vector);
      this.unit = unit;
    }

    private long raw(int index) {
      return vector.getDataBuffer().getLong((long) index * DurationVector.TYPE_WIDTH);
    }

    @Override
    public int size(int index) {
      return 16;
    }

    @Override
    public int write(int index, byte[] out, int pos) {
      pos = BigEndian.putLong(out, pos, toMicros(raw(index), unit));
      pos = BigEndian.putInt(out, pos, 0);
      return BigEndian.putInt(out, pos, 0);
    }

    @Override
    public boolean mayReject() {
      return unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND;
    }

    @Override
    public String reject(int index) {
      try {
        toMicros(raw(index), unit);
        return null;
      } catch (ArithmeticException e) {
        return "22015: interval out of range: " + raw(index) + " " + unit.name().toLowerCase() + "s";
      }
    }
  }
}
