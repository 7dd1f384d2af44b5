import { isCtasOf, isSelect, namesExternalLocation, readsFrom, shapeOf, stripComments } from '../../../labs/datalake-athena/sql';

describe('readsFrom', () => {
  test.each([
    ['SELECT * FROM raw', true],
    ['select count(*) from "mllab_datalake_athena"."raw" where dt = \'2026-01-01\'', true],
    ['SELECT * FROM awsdatacatalog.mllab_datalake_athena.raw', true],
    ['SELECT * FROM `raw`', true],
    ['SELECT o.* FROM rides_curated c JOIN raw o ON c.ride_id = o.ride_id', true],
    ['SELECT * FROM raw_backup', false],
    ['SELECT * FROM raw.rides_curated', false],
    ['SELECT raw FROM rides_curated', false],
    ['SELECT * FROM rides_curated -- FROM raw', false],
    ['SELECT * FROM /* raw */ rides_curated', false],
  ])('%s -> %s', (sql, expected) => {
    expect(readsFrom(sql, 'raw')).toBe(expected);
  });
});

describe('isCtasOf', () => {
  test.each([
    ["CREATE TABLE rides_curated WITH (format = 'PARQUET') AS SELECT * FROM raw", true],
    ["create table if not exists \"db\".\"rides_curated\"\nwith (partitioned_by = ARRAY['dt'])\nas\nselect * from raw", true],
    ["CREATE TABLE rides_curated AS WITH x AS (SELECT * FROM raw) SELECT * FROM x", true],
    ['CREATE EXTERNAL TABLE rides_curated (ride_id string) STORED AS PARQUET LOCATION \'s3://b/p/\'', false],
    ["CREATE TABLE rides_curated_v2 AS SELECT * FROM raw", false],
    ['SELECT * FROM rides_curated', false],
  ])('%s -> %s', (sql, expected) => {
    expect(isCtasOf(sql, 'rides_curated')).toBe(expected);
  });
});

test('isSelect accepts SELECT and WITH, not DDL or CTAS', () => {
  expect(isSelect('  select 1')).toBe(true);
  expect(isSelect('(SELECT 1)')).toBe(true);
  expect(isSelect('-- comment\nWITH a AS (SELECT 1) SELECT * FROM a')).toBe(true);
  expect(isSelect('CREATE TABLE t AS SELECT 1')).toBe(false);
  expect(isSelect('MSCK REPAIR TABLE raw')).toBe(false);
});

test('namesExternalLocation sees the property, not a comment about it', () => {
  expect(namesExternalLocation("CREATE TABLE t WITH (external_location = 's3://b/p/') AS SELECT 1")).toBe(true);
  expect(namesExternalLocation('CREATE TABLE t AS SELECT 1 -- no external_location = here')).toBe(false);
});

test('shapeOf makes the same query on two tables equal, and different queries different', () => {
  const onRaw = 'SELECT product_category, sum(quantity * unit_price) FROM "db"."raw" WHERE dt = \'2026-01-01\' GROUP BY 1;';
  const onCurated = 'select product_category,  sum(quantity * unit_price)\nfrom db.rides_curated\nwhere dt = \'2026-01-01\' group by 1';
  expect(shapeOf(onRaw, 'raw')).toBe(shapeOf(onCurated, 'rides_curated'));
  expect(shapeOf(onRaw, 'raw')).not.toBe(shapeOf(onCurated.replace('2026-01-01', '2026-01-02'), 'rides_curated'));
  expect(shapeOf('SELECT * FROM raw', 'raw')).not.toBe(shapeOf('SELECT * FROM rides_curated', 'raw'));
});

test('stripComments removes line and block comments', () => {
  expect(stripComments('a -- b\nc /* d */ e').replace(/\s+/g, ' ')).toBe('a c e');
});
