import { Module } from '@nestjs/common';
import { AnalyseStaatController } from './controllers/analyse-staat.controller';
import { StaatAnalyseRepository } from './repositories/staat-analyse.repository';
import { GetStaatAnalyseUseCase } from './use-cases/get-staat-analyse/get-staat-analyse.use-case';

/**
 * The Staat van de Uitvoering analysis (issue 9, item 2): read-only views over the knelpunten read model, the Standen
 * and the ACU's clusters, for the programmadirectie and the ACU. It never writes.
 */
@Module({
  controllers: [AnalyseStaatController],
  providers: [StaatAnalyseRepository, GetStaatAnalyseUseCase],
})
export class AnalyseModule {}
