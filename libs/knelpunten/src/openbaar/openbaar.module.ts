import { Module } from '@nestjs/common';
import { OpenbaarKnelpuntenController } from './controllers/openbaar-knelpunten.controller';
import { OpenbaarRapportagesController } from './controllers/openbaar-rapportages.controller';
import { RapportagePublicatieRepository } from '../repositories/rapportage-publicatie.repository';
import { OpenbaarKnelpuntRepository } from './repositories/openbaar-knelpunt.repository';
import { ListOpenbareKnelpuntenUseCase } from './use-cases/list-openbare-knelpunten/list-openbare-knelpunten.use-case';
import { GetOpenbaarKnelpuntUseCase } from './use-cases/get-openbaar-knelpunt/get-openbaar-knelpunt.use-case';
import { ExportOpenbareKnelpuntenUseCase } from './use-cases/export-openbare-knelpunten/export-openbare-knelpunten.use-case';

/**
 * The public register of knelpunten (issue 9, item 3): read-only, no login, only the allow-listed fields
 * (public-fields.ts). It reads the knelpunten read model and never writes.
 */
@Module({
  controllers: [OpenbaarKnelpuntenController, OpenbaarRapportagesController],
  providers: [
    OpenbaarKnelpuntRepository,
    RapportagePublicatieRepository,
    ListOpenbareKnelpuntenUseCase,
    GetOpenbaarKnelpuntUseCase,
    ExportOpenbareKnelpuntenUseCase,
  ],
})
export class OpenbaarModule {}
