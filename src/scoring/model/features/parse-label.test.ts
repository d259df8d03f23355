import { describe, expect, it } from 'vitest';
import { expectInputInvalid } from '../evaluate/test-support/expect-input-invalid.js';
import { labelReader, requireBothClasses } from './parse-label.js';

describe('labelReader', () => {
  const read = labelReader('Converted');

  it.each([
    ['1', 1],
    ['0', 0],
    ['yes', 1],
    ['No', 0],
    ['TRUE', 1],
    ['false', 0],
    ['Won', 1],
    ['lost', 0],
    ['Closed Won', 1],
    [' closed lost ', 0],
    ['1.0', 1],
    ['0.0', 0],
  ])('reads %j as %d without --positive', (cell, label) => {
    expect(read(cell)).toBe(label);
  });

  it('rejects an unknown label with a message naming the column and suggesting --positive', () => {
    const reason = read('Qualified');
    expect(typeof reason).toBe('string');
    expect(reason).toContain('"Qualified"');
    expect(reason).toContain('column "Converted"');
    expect(reason).toContain('--positive');
  });

  it('rejects numbers other than 0 and 1', () => {
    expect(typeof read('2')).toBe('string');
    expect(typeof read('0.5')).toBe('string');
  });

  it('rejects an empty label, naming the column', () => {
    expect(read('')).toBe('label column "Converted" is empty');
    expect(read('   ')).toBe('label column "Converted" is empty');
  });

  it('with --positive reads the named value (any case) as 1 and every other value as 0', () => {
    const stage = labelReader('Stage', ' Closed Won ');
    expect(stage('closed won')).toBe(1);
    expect(stage('CLOSED WON')).toBe(1);
    expect(stage('Qualified')).toBe(0);
    expect(stage('yes')).toBe(0);
    expect(stage('1')).toBe(0);
  });

  it('with --positive still rejects an empty label', () => {
    expect(labelReader('Stage', 'Won')('')).toBe('label column "Stage" is empty');
  });
});

describe('requireBothClasses', () => {
  it('accepts labels with both classes', () => {
    expect(() => requireBothClasses(Uint8Array.from([0, 1, 0]), 'Converted')).not.toThrow();
  });

  it('throws when no row converted, naming the column and suggesting --positive', () => {
    expectInputInvalid(
      () => requireBothClasses(Uint8Array.from([0, 0, 0]), 'Converted'),
      /label column "Converted" has no converted rows among 3.*--positive/,
    );
  });

  it('throws when every row converted', () => {
    expectInputInvalid(
      () => requireBothClasses(Uint8Array.from([1, 1]), 'Won'),
      /label column "Won" has only converted rows among 2/,
    );
  });
});
