package io.logpro.messaging.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.messaging.redis.Template.Column;
import io.logpro.messaging.redis.Template.Literal;
import io.logpro.messaging.redis.Template.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void fillsPlaceholdersFromColumns() {
    Template t = Template.parse("trip:{vendor_id}:{trip_id}");

    assertThat(t.columns()).containsExactly("vendor_id", "trip_id");
    assertThat(t.render(Map.of("vendor_id", "2", "trip_id", "77")::get)).isEqualTo("trip:2:77");
  }

  @Test
  void doubledBracesAreLiteral() {
    Template t = Template.parse("{{x}} {{{a}}} }}{{");

    assertThat(t.parts()).containsExactly(new Literal("{x} {"), new Column("a"), new Literal("} }{"));
  }

  @Test
  void nullRendersAsNothing() {
    assertThat(Template.parse("k:{a}:{b}").render(c -> c.equals("a") ? null : "B")).isEqualTo("k::B");
  }

  @Test
  void aTemplateWithoutPlaceholdersIsItsText() {
    assertThat(Template.parse("plain").parts()).containsExactly(new Literal("plain"));
    assertThat(Template.parse("").parts()).isEmpty();
  }

  @Test
  void errorsNameTheCharacter() {
    assertThatThrownBy(() -> Template.parse("a{b")).hasMessage("'{' at character 2 is never closed (write {{ for a literal {)");
    assertThatThrownBy(() -> Template.parse("a}b")).hasMessage("'}' at character 2 closes no placeholder (write }} for a literal })");
    assertThatThrownBy(() -> Template.parse("x{}")).hasMessage("empty placeholder {} at character 2 (expected {column})");
    assertThatThrownBy(() -> Template.parse("{a{b}")).hasMessage("'{' at character 3 is inside a placeholder (write {{ for a literal {)");
  }

  /** Text with braces doubled: how a literal is written in a template. */
  private static String escape(String literal) {
    return literal.replace("{", "{{").replace("}", "}}");
  }

  private static final String LITERAL_CHARS = "ab:{}_.- é✓\\\"";
  private static final String NAME_CHARS = "abz_09 .:é";

  private static String randomText(Random random, String alphabet, int min, int max) {
    StringBuilder sb = new StringBuilder();
    int n = min + random.nextInt(max - min + 1);
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return sb.toString();
  }

  @Test
  void randomTemplatesParseToTheirPartsAndRenderAsAModelDoes() {
    Random random = new Random(20250201L);
    for (int round = 0; round < 5_000; round++) {
      // a model: alternating literals (merged when adjacent) and columns
      List<Part> model = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      Map<String, String> values = new HashMap<>();
      int pieces = random.nextInt(7);
      for (int p = 0; p < pieces; p++) {
        if (random.nextBoolean()) {
          String lit = randomText(random, LITERAL_CHARS, 1, 6);
          text.append(escape(lit));
          expected.append(lit);
          if (!model.isEmpty() && model.getLast() instanceof Literal prev) model.set(model.size() - 1, new Literal(prev.text() + lit));
          else model.add(new Literal(lit));
        } else {
          String name = randomText(random, NAME_CHARS, 1, 5);
          String value = random.nextInt(4) == 0 ? null : randomText(random, LITERAL_CHARS, 0, 4);
          if (!values.containsKey(name)) values.put(name, value); // not putIfAbsent: it overwrites a null
          text.append('{').append(name).append('}');
          if (values.get(name) != null) expected.append(values.get(name));
          model.add(new Column(name));
        }
      }

      Template t = Template.parse(text.toString());

      assertThat(t.parts()).as("parts of %s", text).isEqualTo(model);
      assertThat(t.render(values::get)).as("rendering of %s", text).isEqualTo(expected.toString());
      assertThat(t.toString()).isEqualTo(text.toString());
    }
  }

  @Test
  void randomBraceSoupEitherParsesConsistentlyOrFailsWithAPosition() {
    Random random = new Random(99);
    for (int round = 0; round < 5_000; round++) {
      String text = randomText(random, "{}ab", 0, 10);
      Template t;
      try {
        t = Template.parse(text);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).as("error for %s", text).containsPattern("at character \\d+");
        continue;
      }
      // re-writing the parts (literals escaped, columns in braces) gives the same template back
      StringBuilder rewritten = new StringBuilder();
      for (Part p : t.parts()) {
        switch (p) {
          case Literal l -> rewritten.append(escape(l.text()));
          case Column c -> rewritten.append('{').append(c.name()).append('}');
        }
      }
      assertThat(Template.parse(rewritten.toString()).parts()).as("reparse of %s", text).isEqualTo(t.parts());
      assertThat(t.parts()).allSatisfy(p -> {
        if (p instanceof Column c) assertThat(c.name()).isNotEmpty().doesNotContain("{", "}");
      });
    }
  }
}
