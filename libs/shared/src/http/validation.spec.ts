import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { flattenValidationErrors } from './validation';

class Sample {
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(5, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title: string;

  @IsString({ message: 'moet tekst zijn' })
  @Matches(/^\d{4}$/, { message: 'moet een jaartal zijn' })
  @MinLength(4, { message: 'moet minstens $constraint1 tekens bevatten' })
  period: string;

  @IsIn(['a', 'b'], { message: 'moet a of b zijn' })
  theme: string;

  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  law?: string;
}

const check = (plain: Record<string, unknown>) => flattenValidationErrors(validateSync(plainToInstance(Sample, plain)));

describe('flattenValidationErrors', () => {
  it('says "is verplicht" once for a missing or empty field instead of every rule it breaks', () => {
    expect(check({ theme: 'a' })).toEqual([
      { name: 'title', reason: 'is verplicht en mag niet leeg zijn' },
      { name: 'period', reason: 'is verplicht' },
    ]);
    expect(check({ title: '', period: ' ', theme: 'a' })).toEqual([
      { name: 'title', reason: 'is verplicht en mag niet leeg zijn' },
      { name: 'period', reason: 'is verplicht' },
    ]);
  });

  it('keeps a single reason for a missing field, and every reason for a wrong value', () => {
    expect(check({ title: 'abc', period: '2025' })).toEqual([{ name: 'theme', reason: 'moet a of b zijn' }]);
    expect(check({ title: 'abcdefg', period: 20, theme: 'a', law: 3 })).toEqual([
      { name: 'title', reason: 'mag maximaal 5 tekens bevatten' },
      { name: 'period', reason: 'moet minstens 4 tekens bevatten' },
      { name: 'period', reason: 'moet een jaartal zijn' },
      { name: 'period', reason: 'moet tekst zijn' },
      { name: 'law', reason: 'moet tekst zijn' },
    ]);
  });
});
