import { Module } from '@nestjs/common';
import { ReferentieController } from './referentie.controller';
import { ReferentieRepository } from './repositories/referentie.repository';

@Module({ controllers: [ReferentieController], providers: [ReferentieRepository], exports: [ReferentieRepository] })
export class ReferentieModule {}
