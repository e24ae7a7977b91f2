import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import {
  invalidVerwijzingen,
  MAX_VERWIJZING_LENGTE,
  MAX_VERWIJZINGEN_PER_SOORT,
  normaliseVerwijzing,
  VERWIJZING_FORMATEN,
  VerwijzingSoort,
} from '@kp/domain';

const DESCRIPTIONS: Record<VerwijzingSoort, string> = {
  kamerstukken: 'Kamerstukken waarin het knelpunt aan de orde is, als dossiernummer-ondernummer (29362-290, 36200-VII-12)',
  moties: 'Moties over het knelpunt, op hun Kamerstuknummer (36200-VII-12)',
  toezeggingen: 'Toezeggingen van de regering aan de Tweede Kamer, op hun toezeggingnummer (TZ202311-045)',
  bwbIds: 'Wetten en regelingen op hun BWB-id (BWBR0002448), zoals op wetten.overheid.nl',
};

/** Trims and upper-cases each string (indexes stay, so a refusal names the value as it was sent). */
const normaliseEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? normaliseVerwijzing(v) : v)) : value;

/** `kamerstukken[1] moet een Kamerstuknummer zijn zoals 29362-290 …` for the first value without the format. */
function formatMessage(soort: VerwijzingSoort) {
  return (args: ValidationArguments): string => {
    const bad = Array.isArray(args.value) ? invalidVerwijzingen(soort, args.value as unknown[]) : [];
    const first = `${args.property}[${bad[0] ?? 0}]`;
    const more =
      bad.length > 1
        ? ` (ook ${bad
            .slice(1, 5)
            .map((i) => `${args.property}[${i}]`)
            .join(', ')}${bad.length > 5 ? ', …' : ''})`
        : '';
    return `${first} moet ${VERWIJZING_FORMATEN[soort].expected}${more}`;
  };
}

/**
 * One list of references in a request: optional (intake) or required (the PUT that replaces all four; `[]` empties
 * it). At most {@link MAX_VERWIJZINGEN_PER_SOORT}; each value trimmed, upper-cased and checked against its format.
 * Deduplication is the use case's (toVerwijzingen), so the indexes in a refusal are those of the request.
 */
export function VerwijzingenField(soort: VerwijzingSoort, opts: { required: boolean }): PropertyDecorator {
  const f = VERWIJZING_FORMATEN[soort];
  const doc: ApiPropertyOptions = {
    type: [String],
    maxItems: MAX_VERWIJZINGEN_PER_SOORT,
    example: [f.example],
    description: DESCRIPTIONS[soort],
  };
  return applyDecorators(
    opts.required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    opts.required ? IsDefined({ message: 'is verplicht (een lege lijst [] mag)' }) : IsOptional(),
    Transform(normaliseEach),
    IsArray({ message: 'moet een lijst van teksten zijn' }),
    ArrayMaxSize(MAX_VERWIJZINGEN_PER_SOORT, { message: 'mag maximaal $constraint1 verwijzingen bevatten' }),
    ValidateBy({
      name: `is_${soort}`,
      validator: {
        // A value that is no list is refused by IsArray alone.
        validate: (value: unknown) => !Array.isArray(value) || invalidVerwijzingen(soort, value as unknown[]).length === 0,
        defaultMessage: formatMessage(soort),
      },
    }),
  );
}

/** One reference as a list filter (`?kamerstuk=29362-290`), checked by the same format. */
export function VerwijzingFilter(soort: VerwijzingSoort): PropertyDecorator {
  const f = VERWIJZING_FORMATEN[soort];
  return applyDecorators(
    ApiPropertyOptional({ description: `Alleen knelpunten met deze verwijzing: ${DESCRIPTIONS[soort]}`, example: f.example }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseVerwijzing(value) : value)),
    IsString({ message: 'moet tekst zijn' }),
    MaxLength(MAX_VERWIJZING_LENGTE, { message: `moet ${f.expected}` }),
    Matches(f.pattern, { message: `moet ${f.expected}` }),
  );
}

/** PUT /knelpunten/{id}/verwijzingen: all four lists, replacing what the knelpunt had. */
export class VerwijzingenRequestDto {
  @VerwijzingenField('kamerstukken', { required: true }) kamerstukken: string[];
  @VerwijzingenField('moties', { required: true }) moties: string[];
  @VerwijzingenField('toezeggingen', { required: true }) toezeggingen: string[];
  @VerwijzingenField('bwbIds', { required: true }) bwbIds: string[];
}
