import { malformedQueryParams } from './malformed-url';

describe('malformedQueryParams', () => {
  it('names each parameter whose percent-encoding is not valid UTF-8', () => {
    expect(malformedQueryParams('q=%ED%A0%80&organisation=UWV&title=%FF')).toEqual(['q', 'title']);
    expect(malformedQueryParams('%ED%A0%80=1')).toEqual(['%ED%A0%80']);
  });

  it('accepts valid encodings, plus signs, empty values and parameters without a value', () => {
    expect(malformedQueryParams('q=caf%C3%A9+au+lait&empty=&flag&&x=%F0%9F%98%80')).toEqual([]);
    expect(malformedQueryParams('')).toEqual([]);
  });

  it('leaves NUL to the invalid-character rule (it decodes fine)', () => {
    expect(malformedQueryParams('q=a%00b')).toEqual([]);
  });
});
