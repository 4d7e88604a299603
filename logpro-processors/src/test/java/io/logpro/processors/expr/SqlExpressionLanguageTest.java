package io.logpro.processors.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.processors.Batches;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlExpressionLanguageTest {
  private final ExpressionLanguage sql = ExpressionLanguage.standard();
  private RootAllocator allocator;
  private VectorSchemaRoot root;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    root = Batches.with(allocator)
        .int64("i", 1L, 2L, null, -4L)
        .int32("n", 10, 0, 5, null)
        .float64("d", 1.5, -2.0, null, 0.0)
        .utf8("s", "Ab", "ça", null, "")
        .bool("b", true, false, null, true)
        .timestamp("ts", "2024-01-01 10:00:00", "2024-06-15 23:30:00", null, "2023-12-31 23:59:59")
        .timestamp("ts2", "2024-01-01 10:30:00", "2024-06-15 23:00:00", "2024-01-01 00:00:00", null)
        .int64("odd name", 7L, 8L, 9L, 10L)
        .root();
  }

  @AfterEach
  void tearDown() {
    root.close();
    allocator.close(); // fails on leaked buffers
  }

  /** Evaluates and returns the values as Java objects (Text as String). */
  private List<Object> eval(String text) {
    CompiledExpression e = sql.compile(text, root.getSchema());
    try (FieldVector v = e.evaluate(root, allocator)) {
      assertThat(v.getValueCount()).isEqualTo(root.getRowCount());
      assertThat(v.getField().getType()).isEqualTo(e.type());
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < v.getValueCount(); i++) {
        Object o = v.getObject(i);
        out.add(o instanceof Text t ? t.toString() : o);
      }
      return out;
    }
  }

  private ArrowType typeOf(String text) {
    return sql.compile(text, root.getSchema()).type();
  }

  private static List<Object> values(Object... v) {
    return Arrays.asList(v);
  }

  private List<Integer> select(String text) {
    int[] rows = new int[root.getRowCount()];
    int k = sql.compile(text, root.getSchema()).select(root, rows);
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < k; j++) out.add(rows[j]);
    return out;
  }

  // ------------------------------------------------------------ arithmetic

  @Test
  void addingIntAndBigintGivesBigint() {
    assertThat(typeOf("i + n")).isEqualTo(new ArrowType.Int(64, true));
    assertThat(eval("i + n")).isEqualTo(values(11L, 2L, null, null));
  }

  @Test
  void intWithDoublePromotesToDouble() {
    assertThat(typeOf("n * d")).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    assertThat(eval("n * d")).isEqualTo(values(15.0, -0.0, null, null));
  }

  @Test
  void intLiteralsStayInt() {
    assertThat(typeOf("1 + 2")).isEqualTo(new ArrowType.Int(32, true));
    assertThat(eval("n - 1")).isEqualTo(values(9, -1, 4, null));
  }

  @Test
  void integerDivisionTruncatesTowardZero() {
    assertThat(eval("i * 7 / 2")).isEqualTo(values(3L, 7L, null, -14L));
  }

  @Test
  void divisionByZeroIsNull() {
    assertThat(eval("10 / n")).isEqualTo(values(1, null, 2, null));
    assertThat(eval("1.0 / d")).isEqualTo(values(1 / 1.5, -0.5, null, null));
  }

  @Test
  void moduloByZeroIsNull() {
    assertThat(eval("7 % n")).isEqualTo(values(7, null, 2, null));
  }

  @Test
  void unaryMinusNegates() {
    assertThat(eval("-i")).isEqualTo(values(-1L, -2L, null, 4L));
    assertThat(eval("- d")).isEqualTo(values(-1.5, 2.0, null, -0.0));
  }

  @Test
  void overflowIsNull() {
    assertThat(eval("i + 9223372036854775807")).isEqualTo(values(null, null, null, 9223372036854775803L));
    assertThat(eval("n * 2147483647")).containsExactly(null, 0, null, null); // INT * INT stays INT
  }

  @Test
  void precedenceBindsMultiplicationTighter() {
    assertThat(eval("1 + 2 * 3 - (1 + 1) * 2")).containsOnly(3);
  }

  // ------------------------------------------------------------ comparison and logic

  @Test
  void everyComparisonOperatorWorks() {
    assertThat(eval("i = 2")).isEqualTo(values(false, true, null, false));
    assertThat(eval("i != 2")).isEqualTo(values(true, false, null, true));
    assertThat(eval("i <> 2")).isEqualTo(values(true, false, null, true));
    assertThat(eval("i < 2")).isEqualTo(values(true, false, null, true));
    assertThat(eval("i <= 2")).isEqualTo(values(true, true, null, true));
    assertThat(eval("i > 1")).isEqualTo(values(false, true, null, false));
    assertThat(eval("i >= 1")).isEqualTo(values(true, true, null, false));
  }

  @Test
  void comparesIntegersWithDoubles() {
    assertThat(eval("d < i")).isEqualTo(values(false, true, null, false));
  }

  @Test
  void comparesStringsInCodePointOrder() {
    assertThat(eval("s < 'b'")).isEqualTo(values(true, false, null, true));
    assertThat(eval("s = 'ça'")).isEqualTo(values(false, true, null, false));
  }

  @Test
  void andOrFollowThreeValuedLogic() {
    // b: true, false, NULL, true
    assertThat(eval("b AND NULL")).isEqualTo(values(null, false, null, null));
    assertThat(eval("b OR NULL")).isEqualTo(values(true, null, null, true));
    assertThat(eval("b AND TRUE")).isEqualTo(values(true, false, null, true));
    assertThat(eval("b or false")).isEqualTo(values(true, false, null, true));
  }

  @Test
  void notOfNullIsNull() {
    assertThat(eval("NOT b")).isEqualTo(values(false, true, null, false));
  }

  @Test
  void isNullAndIsNotNullAreNeverNull() {
    assertThat(eval("d IS NULL")).isEqualTo(values(false, false, true, false));
    assertThat(eval("d IS NOT NULL")).isEqualTo(values(true, true, false, true));
  }

  @Test
  void betweenIncludesBothEnds() {
    assertThat(eval("i BETWEEN 1 AND 2")).isEqualTo(values(true, true, null, false));
    assertThat(eval("i NOT BETWEEN 1 AND 2")).isEqualTo(values(false, false, null, true));
  }

  @Test
  void inMatchesAnyListedValue() {
    assertThat(eval("i IN (2, -4)")).isEqualTo(values(false, true, null, true));
    assertThat(eval("i NOT IN (2, 3)")).isEqualTo(values(true, false, null, true));
  }

  @Test
  void notInWithNullInListIsNeverTrue() {
    assertThat(eval("i NOT IN (2, NULL)")).isEqualTo(values(null, false, null, null));
  }

  @Test
  void selectKeepsOnlyTrueRows() {
    assertThat(select("i >= 1 OR d = 0")).containsExactly(0, 1, 3);
    assertThat(select("d > 0 OR NULL")).containsExactly(0);
    assertThat(select("NULL")).isEmpty();
  }

  // ------------------------------------------------------------ CASE

  @Test
  void caseTakesFirstTrueBranch() {
    assertThat(eval("CASE WHEN i > 1 THEN 'big' WHEN i > 0 THEN 'small' ELSE 'other' END"))
        .isEqualTo(values("small", "big", "other", "other"));
  }

  @Test
  void caseWithoutElseGivesNull() {
    assertThat(eval("case when d > 0 then d * 2 end")).isEqualTo(values(3.0, null, null, null));
  }

  @Test
  void caseBranchesAreBroughtToOneType() {
    assertThat(eval("CASE WHEN b THEN n ELSE d END")).isEqualTo(values(10.0, -2.0, null, null));
  }

  // ------------------------------------------------------------ functions

  @Test
  void absRemovesSign() {
    assertThat(eval("abs(i)")).isEqualTo(values(1L, 2L, null, 4L));
    assertThat(eval("abs(d)")).isEqualTo(values(1.5, 2.0, null, 0.0));
  }

  @Test
  void roundGoesHalfAwayFromZero() {
    assertThat(eval("round(d)")).isEqualTo(values(2.0, -2.0, null, 0.0));
    assertThat(eval("round(-2.5)")).containsOnly(-3.0);
    assertThat(eval("round(3.14159, 2)")).containsOnly(3.14);
    assertThat(eval("round(1250, -2)")).containsOnly(1300);
  }

  @Test
  void floorAndCeilRoundTowardInfinities() {
    assertThat(eval("floor(d)")).isEqualTo(values(1.0, -2.0, null, 0.0));
    assertThat(eval("ceil(d + 0.25)")).isEqualTo(values(2.0, -1.0, null, 1.0));
  }

  @Test
  void coalesceTakesFirstNonNull() {
    assertThat(eval("coalesce(d, n, 99)")).isEqualTo(values(1.5, -2.0, 5.0, 0.0));
  }

  @Test
  void nullifNullsEqualValues() {
    assertThat(eval("nullif(n, 0)")).isEqualTo(values(10, null, 5, null));
  }

  @Test
  void leastAndGreatestSkipNulls() {
    assertThat(eval("least(i, n)")).isEqualTo(values(1L, 0L, 5L, -4L));
    assertThat(eval("greatest(i, n, NULL)")).isEqualTo(values(10L, 2L, 5L, -4L));
  }

  @Test
  void lowerAndUpperHandleNonAscii() {
    assertThat(eval("upper(s)")).isEqualTo(values("AB", "ÇA", null, ""));
    assertThat(eval("lower(s)")).isEqualTo(values("ab", "ça", null, ""));
  }

  @Test
  void lengthCountsCharactersNotBytes() {
    assertThat(eval("length(s)")).isEqualTo(values(2, 2, null, 0));
  }

  @Test
  void concatTreatsNullAsEmptyButPipesPropagateNull() {
    assertThat(eval("concat(s, '-', i)")).isEqualTo(values("Ab-1", "ça-2", "-", "--4"));
    assertThat(eval("s || '-' || i")).isEqualTo(values("Ab-1", "ça-2", null, "--4"));
  }

  @Test
  void epochSecondsCountsFromUnixEpoch() {
    assertThat(eval("epoch_seconds(ts)")).isEqualTo(values(1704103200L, 1718494200L, null, 1704067199L));
  }

  @Test
  void minutesAndSecondsBetweenAreFractional() {
    assertThat(eval("minutes_between(ts, ts2)")).isEqualTo(values(30.0, -30.0, null, null));
    assertThat(eval("seconds_between(ts, ts2)")).isEqualTo(values(1800.0, -1800.0, null, null));
  }

  @Test
  void calendarFieldsComeFromTimestamps() {
    assertThat(eval("year(ts)")).isEqualTo(values(2024, 2024, null, 2023));
    assertThat(eval("month(ts)")).isEqualTo(values(1, 6, null, 12));
    assertThat(eval("day(ts)")).isEqualTo(values(1, 15, null, 31));
    assertThat(eval("hour(ts)")).isEqualTo(values(10, 23, null, 23));
  }

  @Test
  void dateTruncCutsToTheUnit() {
    assertThat(eval("date_trunc('day', ts)")).isEqualTo(values(
        LocalDateTime.parse("2024-01-01T00:00"), LocalDateTime.parse("2024-06-15T00:00"), null, LocalDateTime.parse("2023-12-31T00:00")));
    assertThat(eval("date_trunc('month', ts)").get(1)).isEqualTo(LocalDateTime.parse("2024-06-01T00:00"));
    assertThat(eval("date_trunc('hour', ts)").get(1)).isEqualTo(LocalDateTime.parse("2024-06-15T23:00"));
    assertThat(typeOf("date_trunc('year', ts)")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
  }

  @Test
  void castConvertsBetweenTypes() {
    assertThat(eval("cast(d AS int)")).isEqualTo(values(2, -2, null, 0));
    assertThat(eval("cast(i AS varchar)")).isEqualTo(values("1", "2", null, "-4"));
    assertThat(eval("cast('12' AS bigint) + 1")).containsOnly(13L);
    assertThat(eval("CAST(ts AS DATE)").get(1)).isEqualTo((int) java.time.LocalDate.parse("2024-06-15").toEpochDay());
    assertThat(eval("cast(ts AS string)").get(0)).isEqualTo("2024-01-01 10:00:00");
  }

  @Test
  void castOfUnparsableTextIsNull() {
    assertThat(eval("cast(s AS double)")).containsOnly((Object) null);
  }

  // ------------------------------------------------------------ timestamps and names

  @Test
  void timestampLiteralComparesWithTimestampColumns() {
    assertThat(eval("ts >= TIMESTAMP '2024-01-01 00:00:00' AND ts < TIMESTAMP '2025-01-01 00:00:00'"))
        .isEqualTo(values(true, true, null, false));
  }

  @Test
  void dateAndStringLiteralsCompareWithTimestamps() {
    assertThat(eval("ts < DATE '2024-01-01'")).isEqualTo(values(false, false, null, true));
    assertThat(eval("ts >= '2024-06-01'")).isEqualTo(values(false, true, null, false));
  }

  @Test
  void timestampColumnsCompareWithEachOther() {
    assertThat(eval("ts2 >= ts")).isEqualTo(values(true, false, null, null));
  }

  @Test
  void zonedTimestampLiteralIsNormalisedToUtc() {
    assertThat(typeOf("TIMESTAMP '2024-01-01 01:00:00+01:00'")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
    assertThat(eval("ts = TIMESTAMP '2024-01-01 11:00:00+01:00'")).isEqualTo(values(true, false, null, false));
  }

  @Test
  void doubleQuotesReferToOddColumnNames() {
    assertThat(eval("\"odd name\" * 2")).isEqualTo(values(14L, 16L, 18L, 20L));
  }

  @Test
  void bareNamesMatchCaseInsensitively() {
    assertThat(eval("I + 0")).isEqualTo(values(1L, 2L, null, -4L));
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertThat(eval("i is not null and not (i between 2 and 3)")).isEqualTo(values(true, false, false, true));
  }

  // ------------------------------------------------------------ errors

  @Test
  void syntaxErrorPointsAtTheColumn() {
    assertThatThrownBy(() -> sql.compile("i + * 2", root.getSchema()))
        .isInstanceOfSatisfying(ExpressionException.class, e -> {
          assertThat(e.column()).isEqualTo(5);
          assertThat(e.getMessage()).contains("expected a value, found '*' at column 5").contains("\n  i + * 2\n      ^");
        });
  }

  @Test
  void missingParenthesisIsReported() {
    assertThatThrownBy(() -> sql.checkSyntax("abs(i"))
        .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.reason()).isEqualTo("expected ')', found end of expression"));
  }

  @Test
  void unterminatedStringIsReported() {
    assertThatThrownBy(() -> sql.checkSyntax("s = 'abc"))
        .isInstanceOfSatisfying(ExpressionException.class, e -> {
          assertThat(e.reason()).isEqualTo("unterminated string literal");
          assertThat(e.column()).isEqualTo(5);
        });
  }

  @Test
  void unknownColumnSuggestsTheNearestName() {
    CompiledExpressionCheck.expect(() -> sql.compile("ts3 > ts", root.getSchema()), "unknown column 'ts3'", 1, "ts");
    CompiledExpressionCheck.expect(() -> sql.compile("1 + \"odd nme\"", root.getSchema()), "unknown column 'odd nme'", 5, "odd name");
  }

  @Test
  void unknownFunctionSuggestsTheNearestName() {
    CompiledExpressionCheck.expect(() -> sql.compile("minute_between(ts, ts2)", root.getSchema()),
        "unknown function 'minute_between'", 1, "minutes_between");
  }

  @Test
  void typeErrorNamesBothTypes() {
    assertThatThrownBy(() -> sql.compile("s + 1", root.getSchema()))
        .isInstanceOfSatisfying(ExpressionException.class, e -> {
          assertThat(e.reason()).isEqualTo("cannot apply '+' to STRING and INT: expected numbers");
          assertThat(e.column()).isEqualTo(3);
        });
    assertThatThrownBy(() -> sql.compile("s = i", root.getSchema()))
        .hasMessageStartingWith("cannot compare STRING with BIGINT");
    assertThatThrownBy(() -> sql.compile("i AND b", root.getSchema()))
        .hasMessageStartingWith("AND expects a boolean, found BIGINT");
  }

  @Test
  void wrongArgumentCountIsReported() {
    assertThatThrownBy(() -> sql.compile("abs(i, 2)", root.getSchema())).hasMessageStartingWith("abs expects 1 argument, found 2");
  }

  @Test
  void invalidTimestampLiteralIsReported() {
    assertThatThrownBy(() -> sql.checkSyntax("TIMESTAMP '2024-13-01'"))
        .hasMessageStartingWith("invalid TIMESTAMP literal");
  }

  /** Small helper: asserts an ExpressionException's reason, column and suggestion. */
  static final class CompiledExpressionCheck {
    static void expect(Runnable r, String reason, int column, String suggestion) {
      assertThatThrownBy(r::run).isInstanceOfSatisfying(ExpressionException.class, e -> {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.suggestion()).isEqualTo(suggestion);
        assertThat(e.getMessage()).contains("did you mean '" + suggestion + "'?");
      });
    }
  }
}
