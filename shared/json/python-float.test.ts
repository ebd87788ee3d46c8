import { describe, expect, it } from 'vitest';
import { formatFixed, pythonFloatRepr, pythonRound } from './python-float';

describe('pythonFloatRepr', () => {
  it.each([
    [0, '0.0'], [-0, '-0.0'], [2, '2.0'], [0.1, '0.1'], [1e-5, '1e-05'], [1e-4, '0.0001'], [0.00009999, '9.999e-05'],
    [1e16, '1e+16'], [1.5e16, '1.5e+16'], [1e15, '1000000000000000.0'], [9999999999999998, '9999999999999998.0'],
    [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'], [-9.722539834911004e-5, '-9.722539834911004e-05'],
    [123456789.125, '123456789.125'], [1e22, '1e+22'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'],
  ])('repr(%d) = %s', (x, s) => expect(pythonFloatRepr(x)).toBe(s));
});

describe('pythonRound', () => {
  it.each([
    [0.015625, 5, 0.01562], [1e-6, 5, 0], [-1e-6, 5, -0], [0.7, 5, 0.7], [2.675, 2, 2.67], [0.125, 2, 0.12], [0.375, 2, 0.38],
    [12345.678, -2, 12300], [1e300, 5, 1e300], [-0, 5, -0], [5e-324, 5, 0], [0.123456789, 5, 0.12346],
  ])('round(%d, %d) = %d', (x, n, r) => expect(Object.is(pythonRound(x, n), r)).toBe(true));
  it('passes NaN and infinities through', () => {
    expect(pythonRound(NaN, 5)).toBeNaN();
    expect(pythonRound(-Infinity, 5)).toBe(-Infinity);
  });
});

describe('formatFixed', () => {
  it.each([
    [3.14159265, 5, '3.14159'], [-0.000001, 5, '-0.00000'], [-0, 5, '-0.00000'], [0.015625, 5, '0.01562'], [2.5, 0, '2'],
    [3.5, 0, '4'], [1e22, 2, '10000000000000000000000.00'], [0.0027001348913823606, 5, '0.00270'], [NaN, 5, 'nan'],
    [Infinity, 5, 'inf'], [-Infinity, 5, '-inf'],
  ])('format(%d, ".%df") = %s', (x, n, s) => expect(formatFixed(x, n)).toBe(s));
});
