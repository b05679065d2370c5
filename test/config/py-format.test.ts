// src/config/py-format.ts against CPython: every expected string below is
// what `"{0!conv:spec}".format(value)` printed under Python 3 (issue 14:
// dlt formats placeholders with str.format, so `{resources.posts.id:>5}` and
// `!r` must give what they give in dlt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatField, FormatSpecError, pyFormat, type Conversion } from '../../src/config/py-format.js';

type Case = [unknown, Conversion | null, string, string];

const CPYTHON: Case[] = [
  [5, null, '>5', '    5'], [5, null, '05', '00005'], [-5, null, '05', '-0005'], [5, null, '<05', '50000'], [5, null, '*^7', '***5***'],
  [255, null, '#x', '0xff'], [255, null, '#o', '0o377'], [255, null, '#b', '0b11111111'], [255, null, 'X', 'FF'],
  [1234567, null, ',', '1,234,567'], [1234567, null, '_', '1_234_567'], [255, null, '_b', '1111_1111'],
  [-42, null, '+', '-42'], [42, null, '+', '+42'], [42, null, ' ', ' 42'], [42, null, '=+6', '+   42'], [65, null, 'c', 'A'],
  [5, null, 'f', '5.000000'], [5, null, '.2%', '500.00%'],
  ['ab', null, '05', 'ab000'], ['abc', null, '^7', '  abc  '], ['abc', null, '>6', '   abc'], ['abcdef', null, '.2', 'ab'], ['abcdef', null, '<8.3', 'abc     '],
  ['x', 'r', '', "'x'"], ["it's", 'r', '', '"it\'s"'], ['a"b\'c', 'r', '', "'a\"b\\'c'"], ['tab\there', 'r', '', "'tab\\there'"],
  ['é', 'a', '', "'\\xe9'"], ['é', 'r', '', "'é'"], ['é', 's', '', 'é'], [5, 'r', '', '5'], [5, 's', '>4', '   5'], [null, 'r', '', 'None'], [true, 's', '', 'True'],
  [1.5, null, '', '1.5'], [1.5, null, '.3f', '1.500'], [2.5, null, '.0f', '2'], [3.5, null, '.0f', '4'], [0.125, null, '.2f', '0.12'], [-0.125, null, '.2f', '-0.12'],
  [123.456, null, '.3', '1.23e+02'], [123.456, null, '.5', '123.46'], [1e16, null, '', '1e+16'], [1e-5, null, '', '1e-05'], [0.0001, null, '', '0.0001'],
  [1234.5, null, 'e', '1.234500e+03'], [1234.5, null, '.2E', '1.23E+03'], [0.5, null, '%', '50.000000%'], [1.234e-5, null, 'g', '1.234e-05'],
  [123456789.0, null, 'g', '1.23457e+08'], [1.5, null, '10.2f', '      1.50'], [1.5, null, '+', '+1.5'], [1.5, null, '<8', '1.5     '],
  [1234.5678, null, ',.2f', '1,234.57'], [1e22, null, '.1f', '10000000000000000000000.0'], [Infinity, null, '', 'inf'],
  [2.675, null, '.2f', '2.67'], [0.1, null, '.20f', '0.10000000000000000555'],
  [true, null, '', 'True'], [true, null, 'd', '1'], [true, null, '>5', '    1'], [null, null, '', 'None'],
  [{ a: [1, 'b', null, true] }, null, '', "{'a': [1, 'b', None, True]}"], [[1.5, 'x'], null, '', "[1.5, 'x']"],
];

test('py-format: str.format conversions and format specs give what CPython gives', async (t) => {
  for (const [value, conv, spec, expected] of CPYTHON) {
    await t.test(`${JSON.stringify(value)}${conv ? `!${conv}` : ''}:${spec}`, () => {
      assert.equal(formatField(value, conv ?? undefined, spec), expected);
    });
  }
});

test('py-format: JSON cannot tell 12.0 from 12, so a precision without an integer type formats an integer as a float', () => {
  // CPython: format(12.0, '.3') == '12.0'; format(12, '.3') raises.
  assert.equal(pyFormat(12, '.3'), '12.0');
  assert.throws(() => pyFormat(12, '.3d'), FormatSpecError);
});

test('py-format: specs Python refuses throw FormatSpecError with its message', async (t) => {
  const refused: [unknown, string, RegExp][] = [
    ['abc', 'd', /Unknown format code 'd' for object of type 'str'/],
    ['abc', '+', /Sign not allowed in string format specifier/],
    ['abc', '=5', /'=' alignment not allowed/],
    [1.5, 'x', /Unknown format code 'x' for object of type 'float'/],
    [null, '>5', /unsupported format string passed to NoneType.__format__/],
    [[1], 'd', /list.__format__/],
    [5, 'zz', /Invalid format specifier/],
  ];
  for (const [value, spec, message] of refused) {
    await t.test(`${JSON.stringify(value)}:${spec}`, () => {
      assert.throws(() => pyFormat(value, spec), (e: unknown) => e instanceof FormatSpecError && message.test(e.message));
    });
  }
});
