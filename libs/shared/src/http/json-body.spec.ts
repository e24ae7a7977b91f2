import { jsonShapeProblem } from './json-body';
import { MAX_INVALID_PARAMS, validationException } from './validation';

describe('jsonShapeProblem', () => {
  const limits = { maxDepth: 3, maxKeysPerObject: 3, maxValues: 12 };
  const problem = (text: string, l = limits): string | null => jsonShapeProblem(text, l);

  it.each([
    '1',
    '"x"',
    '[]',
    '{"a":[1,{"b":2}]}',
    '[[],[[]],[]]',
    '{"a":"[[[[{{{{"}',
    '{"a":"\\"[[[[{{{{"}',
    '{"a\\\\":[["\\\\"]]}',
    '{ "a" : true , "b" : null, "c": -1.5e3 }',
    '[1,2,3,4,5,6,7,8,9,10,11]',
    '[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3}]',
  ])('accepts %s', (text) => {
    expect(problem(text)).toBeNull();
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it.each(['[[[[]]]]', '{"a":{"b":{"c":{}}}}', '[{"a":[{}]}]'])('refuses %s as too deep', (text) => {
    expect(problem(text)).toBe('De body is te diep genest (meer dan 3 niveaus).');
  });

  it('stops at the first bracket past the limit', () => {
    expect(jsonShapeProblem('['.repeat(1_000_000), { maxDepth: 32, maxKeysPerObject: 1000, maxValues: 10_000 })).toContain(
      'te diep genest',
    );
  });

  it('refuses an object with too many properties, also when they repeat', () => {
    expect(problem('{"a":1,"b":2,"c":3,"d":4}')).toContain('te veel velden (meer dan 3)');
    expect(problem('{"a":1,"a":1,"a":1,"a":1}')).toContain('te veel velden');
    // Properties are counted per object.
    expect(problem('[{"a":{"a":1,"b":2},"b":2,"c":3}]')).toBeNull();
  });

  it('refuses too many values in all', () => {
    expect(problem('[1,2,3,4,5,6,7,8,9,10,11,12]')).toContain('te veel waarden (meer dan 12)');
    expect(problem('[{"a":[1,2]},{"a":[1,2]}]')).toBeNull();
    expect(problem('[{"a":[1,2]},{"a":[1,2]},{"a":[1,2]}]')).toContain('te veel waarden');
    expect(problem('["a","b","c","d","e","f","g","h","i","j","k","l","m"]')).toContain('te veel waarden');
  });
});

describe('validationException', () => {
  it(`lists at most ${MAX_INVALID_PARAMS} errors and counts the rest`, () => {
    const params = Array.from({ length: 120 }, (_, i) => ({ name: `f${i}`, reason: 'is geen toegestaan veld' }));
    const e = validationException(params);
    expect(e.invalidParams).toHaveLength(MAX_INVALID_PARAMS);
    expect(e.extra).toEqual({ invalidParamsTruncated: 70 });
    expect(e.detail).toMatch(/f49: is geen toegestaan veld; en nog 70 andere fouten$/);
  });

  it('says nothing about truncation when all errors fit', () => {
    const e = validationException([{ name: 'title', reason: 'is verplicht' }]);
    expect(e.extra).toEqual({});
    expect(e.detail).toBe('title: is verplicht');
  });
});
