import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, registerDecorator, type ValidationArguments } from 'class-validator';
import { ROLLEN, type Rol } from '../principal';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const TEXT = { message: 'moet tekst zijn' };
const CODE = /^[A-Z]{2,16}$/;
const CODE_MESSAGE = 'moet een code van 2 tot 16 letters zijn, zoals UWV';

const absent = (value: unknown): boolean => value === undefined || value === null || value === '';

const REQUIRED_FOR: Record<'organisation' | 'driehoek', { required: (o: DevLoginDto) => boolean; message: string }> = {
  organisation: { required: (o) => o.role === 'indiener', message: 'is verplicht bij de rol indiener' },
  driehoek: {
    required: (o) => o.role === 'driehoek' && absent(o.organisation),
    message: 'is verplicht bij de rol driehoek (of geef een organisatie op, die dan de driehoek noemt)',
  },
};

/** An organisation or driehoek code: required for some roles, else optional; exactly one Dutch reason when wrong. */
function ScopeCode(field: 'organisation' | 'driehoek'): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'scopeCode',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          absent(value) ? !REQUIRED_FOR[field].required(args.object as DevLoginDto) : typeof value === 'string' && CODE.test(value),
        defaultMessage: (args: ValidationArguments) =>
          absent(args.value) ? REQUIRED_FOR[field].message : typeof args.value === 'string' ? CODE_MESSAGE : 'moet tekst zijn',
      },
    });
}

/**
 * POST /auth/dev-login: a development session for a role (AUTH_MODE=dev only). The same rules as
 * `npm run token`: the role indiener needs an organisation; the role driehoek needs a driehoek, or an organisation,
 * which then names the driehoek (each organisation's driehoek has the organisation's code).
 */
export class DevLoginDto {
  @ApiProperty({ enum: ROLLEN, example: 'indiener' })
  @IsIn(ROLLEN, { message: `moet een van de volgende rollen zijn: ${ROLLEN.join(', ')}` })
  role: Rol;

  @ApiPropertyOptional({ example: 'UWV', description: 'Code van de organisatie; verplicht bij de rol indiener' })
  @Transform(upper)
  @ScopeCode('organisation')
  organisation?: string;

  @ApiPropertyOptional({
    example: 'UWV',
    description: 'Code van de driehoek; bij de rol driehoek verplicht, tenzij organisation is opgegeven (die dan de driehoek noemt)',
  })
  @Transform(upper)
  @ScopeCode('driehoek')
  driehoek?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'Ingrid de Vries',
    description: 'Weergavenaam; standaard bijvoorbeeld "Ontwikkelaar (indiener UWV)"',
  })
  @Transform(trim)
  @IsOptional()
  @IsString(TEXT)
  @MaxLength(200, { message: 'mag maximaal $constraint1 tekens bevatten' })
  name?: string;
}

/** GET /auth/login: where the browser returns after the login. */
export class LoginQueryDto {
  @ApiPropertyOptional({
    example: '/knelpunten',
    description: 'Relatief pad binnen de webapp (begint met /, niet met //); anders /',
  })
  @IsOptional()
  @IsString(TEXT)
  returnTo?: string;

  @ApiPropertyOptional({
    enum: ['login'],
    description: 'login: de provider vraagt altijd opnieuw om in te loggen (om als een andere gebruiker in te loggen)',
  })
  @IsOptional()
  @IsIn(['login'], { message: "moet 'login' zijn" })
  prompt?: 'login';
}

export class SessionUserDto {
  @ApiProperty({ description: 'Identificatie van de gebruiker bij de identity provider (sub)' })
  subject: string;

  @ApiProperty({ example: 'Ontwikkelaar (indiener UWV)' })
  name: string;

  @ApiProperty({ enum: ROLLEN })
  role: Rol;

  @ApiPropertyOptional({ example: 'UWV' })
  organisation?: string;

  @ApiPropertyOptional({ example: 'UWV' })
  driehoek?: string;
}

export class SessionDto {
  @ApiProperty({ description: 'true als het verzoek een geldige sessie (cookie) of een geldig bearer-token had' })
  authenticated: boolean;

  @ApiProperty({ enum: ['dev', 'oidc'], description: 'dev: ontwikkel-login met een rol; oidc: inloggen bij de OIDC-provider' })
  mode: 'dev' | 'oidc';

  @ApiPropertyOptional({ type: SessionUserDto })
  user?: SessionUserDto;
}

export class LogoutDto {
  @ApiPropertyOptional({
    description:
      'Alleen bij oidc: de uitlog-URL van de provider (end_session_endpoint met id_token_hint en post_logout_redirect_uri); ' +
      'de browser navigeert erheen om ook bij de provider uit te loggen',
  })
  logoutUrl?: string;
}
