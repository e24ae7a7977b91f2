import { Module } from '@nestjs/common';
import { ReferentieController } from './referentie.controller';
import { ReferentieBeheerController } from './referentie-beheer.controller';
import { ReferentieRepository } from './repositories/referentie.repository';
import { CreateOrganisationUseCase } from './use-cases/create-organisation/create-organisation.use-case';
import { UpdateOrganisationUseCase } from './use-cases/update-organisation/update-organisation.use-case';
import { CreateMinistryUseCase } from './use-cases/create-ministry/create-ministry.use-case';
import { UpdateMinistryUseCase } from './use-cases/update-ministry/update-ministry.use-case';
import { PutDriehoekUseCase } from './use-cases/put-driehoek/put-driehoek.use-case';

@Module({
  controllers: [ReferentieController, ReferentieBeheerController],
  providers: [
    ReferentieRepository,
    CreateOrganisationUseCase,
    UpdateOrganisationUseCase,
    CreateMinistryUseCase,
    UpdateMinistryUseCase,
    PutDriehoekUseCase,
  ],
  exports: [ReferentieRepository],
})
export class ReferentieModule {}
