package io.logpro.cdc;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import io.debezium.connector.sqlserver.Lsn;
import io.debezium.connector.sqlserver.SqlServerConnectorConfig;
import io.debezium.connector.sqlserver.SqlServerOffsetContext;
import io.debezium.connector.sqlserver.SqlServerPartition;
import io.debezium.connector.sqlserver.SqlServerValueConverters;
import io.debezium.connector.SnapshotType;
import io.debezium.jdbc.TemporalPrecisionMode;
import io.debezium.relational.Column;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.TableSchema;
import io.debezium.relational.TableSchemaBuilder;
import io.debezium.relational.mapping.ColumnMappers;
import io.debezium.schema.SchemaNameAdjuster;
import io.debezium.schema.SchemaTopicNamingStrategy;
import io.debezium.connector.sqlserver.TxLogPosition;
import io.debezium.jdbc.JdbcValueConverters.DecimalMode;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change records built the way Debezium's SQL Server connector builds them: its table schema
 * builder and value converters for the table, its offset context and source-info struct for the
 * source block (change_lsn, commit_lsn, event_serial_no) and the offset, its partition.
 */
final class SqlServerRecords {
  static final String PREFIX = "t";
  static final String DATABASE = "shop";
  final SqlServerConnectorConfig config;
  final TableId tableId = new TableId(DATABASE, "dbo", "orders");
  final TableSchema schema;
  private final SqlServerOffsetContext offset;
  private final SqlServerPartition partition = new SqlServerPartition(PREFIX, DATABASE);

  SqlServerRecords() {
    config = new SqlServerConnectorConfig(Configuration.create()
        .with("topic.prefix", PREFIX)
        .with("database.names", DATABASE)
        .with("database.hostname", "localhost")
        .with("database.user", "sa")
        .with("decimal.handling.mode", "precise")
        .with("time.precision.mode", "microseconds")
        .with("column.propagate.source.type", ".*")
        .build());
    Table table = Table.editor().tableId(tableId)
        .addColumn(Column.editor().name("id").type("int").jdbcType(Types.INTEGER).optional(false).position(1).create())
        .addColumn(Column.editor().name("customer").type("nvarchar").jdbcType(Types.NVARCHAR).length(50).optional(false).position(2).create())
        .addColumn(Column.editor().name("amount").type("decimal").jdbcType(Types.DECIMAL).length(10).scale(2).optional(true).position(3).create())
        .addColumn(Column.editor().name("placed").type("datetime2").jdbcType(Types.TIMESTAMP).length(27).scale(6).optional(true).position(4).create())
        .addColumn(Column.editor().name("paid").type("bit").jdbcType(Types.BIT).optional(true).position(5).create())
        .addColumn(Column.editor().name("ref").type("uniqueidentifier").jdbcType(Types.CHAR).length(36).optional(true).position(6).create())
        .addColumn(Column.editor().name("blob").type("varbinary").jdbcType(Types.VARBINARY).length(100).optional(true).position(7).create())
        .setPrimaryKeyNames("id")
        .create();
    SqlServerValueConverters converters = new SqlServerValueConverters(DecimalMode.PRECISE, TemporalPrecisionMode.MICROSECONDS,
        CommonConnectorConfig.BinaryHandlingMode.BYTES);
    TableSchemaBuilder builder = new TableSchemaBuilder(converters, null, SchemaNameAdjuster.NO_OP, new CustomConverterRegistry(null),
        config.getSourceInfoStructMaker().schema(), config.getFieldNamer(), true, config.getEventConvertingFailureHandlingMode());
    schema = builder.create(SchemaTopicNamingStrategy.create(config, true), table, null, ColumnMappers.create(config), null);
    offset = new SqlServerOffsetContext(config, TxLogPosition.valueOf(Lsn.valueOf("00000000:00000000:0000")), SnapshotType.INITIAL, false);
  }

  /** A snapshot row (op r), as read at commit LSN {@code commit}. */
  SourceRecord read(String commit, Object... row) {
    offset.setChangePosition(TxLogPosition.valueOf(Lsn.valueOf(commit)), 1);
    offset.event(tableId, Instant.parse("2024-05-01T10:00:00Z"));
    Struct value = schema.valueFromColumnData(row);
    return record(row, schema.getEnvelopeSchema().read(value, offset.getSourceInfo(), Instant.now()));
  }

  /** Ends the snapshot: later changes are streamed. */
  void snapshotDone() {
    offset.preSnapshotCompletion();
    offset.postSnapshotCompletion();
  }

  SourceRecord insert(String commit, String change, Object... row) {
    position(commit, change, 2, 1);
    return record(row, schema.getEnvelopeSchema().create(schema.valueFromColumnData(row), offset.getSourceInfo(), Instant.now()));
  }

  /** An update: CDC logs it as two rows (operations 3 and 4), so the serial number moves by two. */
  SourceRecord update(String commit, String change, Object[] before, Object[] after) {
    position(commit, change, 4, 2);
    return record(after, schema.getEnvelopeSchema().update(schema.valueFromColumnData(before), schema.valueFromColumnData(after),
        offset.getSourceInfo(), Instant.now()));
  }

  SourceRecord delete(String commit, String change, Object... row) {
    position(commit, change, 1, 1);
    return record(row, schema.getEnvelopeSchema().delete(schema.valueFromColumnData(row), offset.getSourceInfo(), Instant.now()));
  }

  private void position(String commit, String change, int operation, int events) {
    offset.setChangePosition(TxLogPosition.valueOf(Lsn.valueOf(commit), Lsn.valueOf(change), operation), events);
    offset.event(tableId, Instant.parse("2024-05-01T10:00:01Z"));
  }

  private SourceRecord record(Object[] row, Struct envelope) {
    Struct key = schema.keyFromColumnData(row);
    return new SourceRecord(partition.getSourcePartition(), offset.getOffset(), "t.shop.dbo.orders", null,
        schema.keySchema(), key, envelope.schema(), envelope);
  }

  static Object[] row(Object... values) {
    return values;
  }

  static List<Object> list(Object... values) {
    return List.of(values);
  }
}
