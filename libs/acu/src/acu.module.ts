import { Module } from '@nestjs/common';
import { TermijnenModule } from '@kp/termijnen/termijnen.module';
import { AcuMeetingRepository } from './repositories/acu-meeting.repository';
import { AcuAgendaRepository } from './repositories/acu-agenda.repository';
import { ClusterRepository } from './repositories/cluster.repository';
import { AgendaPlanner } from './use-cases/place-on-agenda/agenda-planner.service';
import { PlaceOnAgendaUseCase } from './use-cases/place-on-agenda/place-on-agenda.use-case';
import { CarryOverAgendaItemUseCase } from './use-cases/carry-over-agenda-item/carry-over-agenda-item.use-case';
import { CloseAgendaItemUseCase } from './use-cases/close-agenda-item/close-agenda-item.use-case';
import { ListMeetingsUseCase } from './use-cases/list-meetings/list-meetings.use-case';
import { CreateMeetingUseCase } from './use-cases/create-meeting/create-meeting.use-case';
import { GetAgendaUseCase } from './use-cases/get-agenda/get-agenda.use-case';
import { CreateClusterUseCase } from './use-cases/create-cluster/create-cluster.use-case';
import { GetClusterUseCase } from './use-cases/get-cluster/get-cluster.use-case';
import { ListClustersUseCase } from './use-cases/list-clusters/list-clusters.use-case';
import { AcuActivities } from './activities/acu.activities';
import { AcuMeetingController } from './controllers/acu-meeting.controller';
import { AcuClusterController } from './controllers/acu-cluster.controller';
import { AcuClusterSuggestieController } from './controllers/acu-cluster-suggestie.controller';
import { ClusterSuggestieRepository } from './repositories/cluster-suggestie.repository';
import { ListClusterSuggestiesUseCase } from './use-cases/cluster-suggesties/list-cluster-suggesties.use-case';
import { CreateClusterFromSuggestieUseCase } from './use-cases/cluster-suggesties/create-cluster-from-suggestie.use-case';
import { RejectClusterSuggestieUseCase } from './use-cases/cluster-suggesties/reject-cluster-suggestie.use-case';

/**
 * ACU: the meeting calendar, the agenda (placing, carrying over, closing items), clusters and cluster suggestions. Uses the working-day
 * calendar of TermijnenModule and the root TypeORM DataSource. Exports the activities and the ClusterRepository
 * (for the cluster decision in libs/knelpunten).
 */
@Module({
  imports: [TermijnenModule],
  controllers: [AcuMeetingController, AcuClusterController, AcuClusterSuggestieController],
  providers: [
    AcuMeetingRepository,
    AcuAgendaRepository,
    ClusterRepository,
    AgendaPlanner,
    PlaceOnAgendaUseCase,
    CarryOverAgendaItemUseCase,
    CloseAgendaItemUseCase,
    ListMeetingsUseCase,
    CreateMeetingUseCase,
    GetAgendaUseCase,
    CreateClusterUseCase,
    GetClusterUseCase,
    ListClustersUseCase,
    ClusterSuggestieRepository,
    ListClusterSuggestiesUseCase,
    CreateClusterFromSuggestieUseCase,
    RejectClusterSuggestieUseCase,
    AcuActivities,
  ],
  exports: [AcuActivities, ClusterRepository],
})
export class AcuModule {}
