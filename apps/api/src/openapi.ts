import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@kp/shared/config';
import { BEARER_SCHEME } from '@kp/toegang/decorators';

export const API_VERSION = '1.0.0';
export const API_BASE_PATH = '/api/v1';

type Json = Record<string, unknown>;

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  description: 'Foutmelding volgens RFC 9457 (application/problem+json)',
  required: ['status', 'title', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    allowed: { type: 'array', items: { type: 'string' }, description: 'Bij 409: de beslissingen die nu wel mogen' },
    invalidParams: {
      type: 'array',
      maxItems: 50,
      items: { type: 'object', required: ['name', 'reason'], properties: { name: { type: 'string' }, reason: { type: 'string' } } },
    },
    invalidParamsTruncated: { type: 'integer', minimum: 1, description: 'Bij 400: zoveel fouten meer dan invalidParams noemt' },
  },
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Ongeldige invoer (invalidParams noemt de velden)',
  '401': 'Niet geauthenticeerd',
  '403': 'Geen toegang',
  '404': 'Niet gevonden',
  '409': 'Conflict met de huidige toestand',
  '429': 'Te veel verzoeken',
  '500': 'Interne fout (met foutnummer)',
  '503': 'Dienst tijdelijk niet beschikbaar',
};

/**
 * Builds the OpenAPI 3 document from the controllers and completes it for the NL GOV API Design Rules:
 * server URL with the major version, API-Version header on every success response, problem+json errors
 * with a 400 on every operation that takes input.
 */
export function buildOpenApi(app: INestApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Knelpunten Standen van de Uitvoering')
    .setDescription(
      'Werkstroom en zaakvolging van knelpunten uit de Standen van de Uitvoering: indienen, driehoek, ACU en politieke opvolging, ' +
        'met termijnen op Nederlandse werkdagen (Algemene termijnenwet).',
    )
    .setVersion(API_VERSION)
    .setContact('Programmadirectie Werk aan Uitvoering', 'https://www.werkaanuitvoering.nl', 'knelpunten@werkaanuitvoering.example')
    .addServer(`${config.PUBLIC_BASE_URL.replace(/\/$/, '')}${API_BASE_PATH}`)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    ignoreGlobalPrefix: true,
    operationIdFactory: (_controller, method) => method,
  });
  return completeForAdr(doc);
}

export function completeForAdr(doc: OpenAPIObject): OpenAPIObject {
  const components = (doc.components ??= {});
  components.schemas = { ...(components.schemas ?? {}), Problem: PROBLEM_SCHEMA };
  components.headers = {
    ...(components.headers ?? {}),
    'API-Version': { description: 'De volledige versie van de API', schema: { type: 'string', example: API_VERSION } },
  };
  for (const [, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const responses = (op['responses'] ??= {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        if (/^[23]\d\d$/.test(status)) {
          response['headers'] = { ...((response['headers'] as Json) ?? {}), 'API-Version': { $ref: '#/components/headers/API-Version' } };
        }
      }
      const hasInput = method !== 'get' && method !== 'delete' ? true : ((op['parameters'] as unknown[]) ?? []).length > 0;
      const security = op['security'] as unknown[] | undefined;
      const codes = ['500'];
      if (hasInput) codes.push('400');
      if (security && security.length > 0) codes.push('401', '403');
      if (method !== 'get' || JSON.stringify(op['parameters'] ?? []).includes('"in":"path"')) codes.push('404');
      if (method === 'post' || method === 'put') codes.push('409', '429');
      for (const code of codes) {
        if (!responses[code]) responses[code] = { description: ERROR_DESCRIPTIONS[code] ?? 'Fout' };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]\d\d$/.test(status)) {
          response['content'] = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
        }
      }
    }
  }
  return doc;
}
