// dlt's DuckDB type mapper (dlt/destinations/impl/duckdb/factory.py, DuckDbTypeMapper
// + TypeMapperImpl.to_destination_type), case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA_TYPES, duckdbType, isDataType } from '../../../src/normalize/types/data-type.js';

test('DATA_TYPES lists dlt TDataType in declaration order', () => {
  assert.deepEqual(
    [...DATA_TYPES],
    ['text', 'double', 'bool', 'timestamp', 'bigint', 'binary', 'json', 'decimal', 'wei', 'date', 'time'],
  );
  assert.equal(isDataType('wei'), true);
  assert.equal(isDataType('complex'), false);
  assert.equal(isDataType('string'), false);
});

test('unbound types map to their DuckDB names', () => {
  assert.equal(duckdbType({ data_type: 'text' }), 'VARCHAR');
  assert.equal(duckdbType({ data_type: 'double' }), 'DOUBLE');
  assert.equal(duckdbType({ data_type: 'bool' }), 'BOOLEAN');
  assert.equal(duckdbType({ data_type: 'bigint' }), 'BIGINT');
  assert.equal(duckdbType({ data_type: 'binary' }), 'BLOB');
  assert.equal(duckdbType({ data_type: 'json' }), 'JSON');
  assert.equal(duckdbType({ data_type: 'date' }), 'DATE');
  assert.equal(duckdbType({ data_type: 'time' }), 'TIME');
  assert.equal(duckdbType({ data_type: 'timestamp' }), 'TIMESTAMP WITH TIME ZONE');
});

test('precision is ignored for text, time and binary (VARCHAR(n) is VARCHAR in DuckDB)', () => {
  assert.equal(duckdbType({ data_type: 'text', precision: 10 }), 'VARCHAR');
  assert.equal(duckdbType({ data_type: 'time', precision: 3 }), 'TIME');
  assert.equal(duckdbType({ data_type: 'binary', precision: 16 }), 'BLOB');
});

test('bigint precision is a number of bits', () => {
  assert.equal(duckdbType({ data_type: 'bigint', precision: 1 }), 'TINYINT');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 8 }), 'TINYINT');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 9 }), 'SMALLINT');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 16 }), 'SMALLINT');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 32 }), 'INTEGER');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 64 }), 'BIGINT');
  assert.equal(duckdbType({ data_type: 'bigint', precision: 128 }), 'HUGEINT');
  assert.throws(() => duckdbType({ data_type: 'bigint', precision: 129 }), /can't be mapped/);
});

test('decimal defaults to (38,9), wei to (38,0)', () => {
  assert.equal(duckdbType({ data_type: 'decimal' }), 'DECIMAL(38,9)');
  assert.equal(duckdbType({ data_type: 'decimal', precision: 10 }), 'DECIMAL(10,9)');
  assert.equal(duckdbType({ data_type: 'decimal', precision: 10, scale: 2 }), 'DECIMAL(10,2)');
  assert.equal(duckdbType({ data_type: 'decimal', scale: 0 }), 'DECIMAL(38,0)');
  assert.equal(duckdbType({ data_type: 'wei' }), 'DECIMAL(38,0)');
  assert.equal(duckdbType({ data_type: 'wei', precision: 20, scale: 4 }), 'DECIMAL(20,4)');
});

test('timestamps with time zone ignore precision', () => {
  assert.equal(duckdbType({ data_type: 'timestamp', precision: 3 }), 'TIMESTAMP WITH TIME ZONE');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: true, precision: 9 }), 'TIMESTAMP WITH TIME ZONE');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: true, precision: 42 }), 'TIMESTAMP WITH TIME ZONE');
});

test('naive timestamps pick the type of their precision', () => {
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false }), 'TIMESTAMP');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 0 }), 'TIMESTAMP_S');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 1 }), 'TIMESTAMP_MS');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 3 }), 'TIMESTAMP_MS');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 4 }), 'TIMESTAMP');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 6 }), 'TIMESTAMP');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 7 }), 'TIMESTAMP_NS');
  assert.equal(duckdbType({ data_type: 'timestamp', timezone: false, precision: 9 }), 'TIMESTAMP_NS');
  assert.throws(() => duckdbType({ data_type: 'timestamp', timezone: false, precision: 10 }), /precision=10/);
});
