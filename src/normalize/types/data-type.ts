/**
 * dlt's data types (`TDataType` in `dlt/common/data_types/typing.py`) and the
 * DuckDB column type dlt's DuckDB destination creates for each of them
 * (`DuckDbTypeMapper` in `dlt/destinations/impl/duckdb/factory.py` plus the
 * generic `TypeMapperImpl.to_destination_type`). A table restload creates
 * must be indistinguishable from dlt's, so the mapping, including the
 * precision and timezone variants, follows that code branch by branch.
 */
import { RestloadError } from '../../common/errors.js';

/** Every data type a dlt schema column can have, in dlt's declaration order. */
export const DATA_TYPES = [
  'text',
  'double',
  'bool',
  'timestamp',
  'bigint',
  'binary',
  'json',
  'decimal',
  'wei',
  'date',
  'time',
] as const;

export type DataType = (typeof DATA_TYPES)[number];

const DATA_TYPE_SET: ReadonlySet<string> = new Set(DATA_TYPES);

/** Whether `s` is one of dlt's data type names (e.g. to validate a column hint). */
export function isDataType(s: string): s is DataType {
  return DATA_TYPE_SET.has(s);
}

/** The column properties that decide its DuckDB type. */
export interface DuckDbColumnType {
  data_type: DataType;
  precision?: number;
  scale?: number;
  /** dlt's default is `true` (timestamps are `TIMESTAMP WITH TIME ZONE`). */
  timezone?: boolean;
}

/** dlt's `DEFAULT_NUMERIC_PRECISION`/`DEFAULT_NUMERIC_SCALE`, DuckDB's `decimal_precision` capability. */
export const DEFAULT_DECIMAL_PRECISION = 38;
export const DEFAULT_DECIMAL_SCALE = 9;
/** DuckDB's `wei_precision` capability: `(DEFAULT_NUMERIC_PRECISION, 0)`. */
export const DEFAULT_WEI_PRECISION = 38;
export const DEFAULT_WEI_SCALE = 0;
/** DuckDB's `timestamp_precision` capability (microseconds). */
export const DEFAULT_TIMESTAMP_PRECISION = 6;

/** `sct_to_unbound_dbt`: types whose DuckDB name never depends on precision or scale. */
const UNBOUND: Readonly<Record<Exclude<DataType, 'decimal' | 'wei'>, string>> = {
  json: 'JSON',
  text: 'VARCHAR',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  // DuckDB does not allow a precision on timestamps with time zone.
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  bigint: 'BIGINT',
  binary: 'BLOB',
  // dlt's DuckDB mapper does not override `to_db_time_type`: precision is ignored.
  time: 'TIME',
};

/**
 * The DuckDB type dlt gives a column. Throws (as dlt raises
 * `TerminalValueError`) for a bigint precision above 128 bits or a naive
 * timestamp precision above 9.
 */
export function duckdbType(column: DuckDbColumnType): string {
  const { data_type: t, precision, scale } = column;
  switch (t) {
    case 'bigint':
      return integerType(precision);
    case 'timestamp':
      return timestampType(column);
    case 'decimal':
      return `DECIMAL(${precision ?? DEFAULT_DECIMAL_PRECISION},${scale ?? DEFAULT_DECIMAL_SCALE})`;
    case 'wei':
      return `DECIMAL(${precision ?? DEFAULT_WEI_PRECISION},${scale ?? DEFAULT_WEI_SCALE})`;
    default:
      return UNBOUND[t];
  }
}

/** `to_db_integer_type`: a bigint's precision is a number of bits. */
function integerType(precision: number | undefined): string {
  if (precision === undefined) return 'BIGINT';
  if (precision <= 8) return 'TINYINT';
  if (precision <= 16) return 'SMALLINT';
  if (precision <= 32) return 'INTEGER';
  if (precision <= 64) return 'BIGINT';
  if (precision <= 128) return 'HUGEINT';
  throw new RestloadError(`bigint with precision=${precision} can't be mapped to DuckDB integer type`, {
    code: 'UNSUPPORTED_TYPE',
  });
}

/**
 * `to_db_datetime_type`: with a time zone (the default) DuckDB has a single
 * type and dlt ignores the precision (it only logs a warning); naive
 * timestamps pick the DuckDB type of the requested fractional precision.
 */
function timestampType(column: DuckDbColumnType): string {
  if (column.timezone ?? true) return UNBOUND.timestamp;
  const precision = column.precision ?? DEFAULT_TIMESTAMP_PRECISION;
  if (precision === 0) return 'TIMESTAMP_S';
  if (precision <= 3) return 'TIMESTAMP_MS';
  if (precision <= 6) return 'TIMESTAMP';
  if (precision <= 9) return 'TIMESTAMP_NS';
  throw new RestloadError(`DuckDB doesn't support precision=${precision} for a datetime column`, {
    code: 'UNSUPPORTED_TYPE',
  });
}
