import { All, Controller, Delete, Get, Head, Options, Patch, Post, Put, UseInterceptors, type INestApplication } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditInterceptor } from '@kp/shared/audit';
import { auditMutatingRoutes } from './audit-mutating-routes';

class OtherInterceptor {
  intercept(): never {
    throw new Error('not called here');
  }
}

@Controller('a')
class SampleController {
  @Get() read(): void {}
  @Head() head(): void {}
  @Options() options(): void {}
  @Post() create(): void {}
  @Put(':id') replace(): void {}
  @Patch(':id') change(): void {}
  @Delete(':id') remove(): void {}
  @All('any') any(): void {}
  @Post('own')
  @UseInterceptors(OtherInterceptor)
  withOwn(): void {}
  helper(): void {}
}

/** Just what auditMutatingRoutes reads of the app: the DataSource and the controllers of every module. */
function fakeApp(): INestApplication {
  const modules = new Map([['m', { controllers: new Map([[SampleController, { metatype: SampleController }]]) }]]);
  return {
    get: (token: unknown) => (token === ModulesContainer ? modules : token === DataSource ? ({} as DataSource) : undefined),
  } as unknown as INestApplication;
}

const interceptorsOf = (name: keyof SampleController): unknown[] =>
  (Reflect.getMetadata(INTERCEPTORS_METADATA, SampleController.prototype[name]) as unknown[] | undefined) ?? [];

describe('auditMutatingRoutes', () => {
  it('puts the audit interceptor on every route but GET, HEAD and OPTIONS, first of its own interceptors', () => {
    expect(auditMutatingRoutes(fakeApp())).toBe(6);
    for (const name of ['create', 'replace', 'change', 'remove', 'any'] as const) {
      expect(interceptorsOf(name)).toHaveLength(1);
      expect(interceptorsOf(name)[0]).toBeInstanceOf(AuditInterceptor);
    }
    expect(interceptorsOf('withOwn')).toHaveLength(2);
    expect(interceptorsOf('withOwn')[0]).toBeInstanceOf(AuditInterceptor);
    expect(interceptorsOf('withOwn')[1]).toBe(OtherInterceptor);
    for (const name of ['read', 'head', 'options', 'helper'] as const) expect(interceptorsOf(name)).toEqual([]);
  });

  it('replaces the instance of an app built before in the same process instead of adding a second one', () => {
    auditMutatingRoutes(fakeApp());
    const first = interceptorsOf('create')[0];
    auditMutatingRoutes(fakeApp());
    expect(interceptorsOf('create')).toHaveLength(1);
    expect(interceptorsOf('create')[0]).not.toBe(first);
    expect(interceptorsOf('withOwn')).toHaveLength(2);
  });
});
