import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { hasVerwijzingen, toVerwijzingen } from '@kp/domain';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { KnelpuntEntity } from '@kp/knelpunten/entities/knelpunt.entity';
import { TimelineEntryEntity } from '@kp/knelpunten/entities/timeline-entry.entity';
import { StandEntity } from '../../entities/stand.entity';
import { StandRepository } from '../../repositories/stand.repository';
import { StandReferencesValidator } from '../../validators/stand-references.validator';
import { SubmitStandDto } from '../../dtos/submit-stand.dto';
import { StandDto } from '../../dtos/stand-response.dto';
import { WorkflowStartDispatcher } from '../dispatch-workflow-starts/workflow-start.dispatcher';

export interface SubmitStandCommand {
  stand: SubmitStandDto;
  principal: Principal;
  /** Where the knelpunten came from, for the timeline ('json' or 'csv'). */
  source: 'json' | 'csv';
}

export interface SubmitStandResult {
  created: boolean;
  stand: StandDto;
}

/**
 * Accepts a Stand with its knelpunten in one transaction (nothing half-stored), recognises a Stand
 * posted again, and queues one workflow start per knelpunt in the outbox. The workflows are started
 * right after commit; when Temporal is down the dispatcher retries until it is back.
 */
@Injectable()
export class SubmitStandUseCase {
  private readonly logger = new Logger(SubmitStandUseCase.name);

  constructor(
    private readonly standen: StandRepository,
    private readonly references: StandReferencesValidator,
    private readonly dispatcher: WorkflowStartDispatcher,
  ) {}

  async execute(cmd: SubmitStandCommand): Promise<SubmitStandResult> {
    const input = cmd.stand;
    const org = await this.references.organisation(cmd.principal, input.organisation);
    const ministries = await this.references.ministries(input.knelpunten);
    if (ministries.problems.length > 0) {
      throw DomainException.validation(ministries.problems.map((p) => ({ name: `knelpunten[${p.index}].ministry`, reason: p.reason })));
    }
    const canonicalMinistry = ministries.canonical;

    const contentHash = hashStand(org.code, input, canonicalMinistry);
    try {
      return await this.standen.transaction(async (em) => {
        const existing = await this.standen.findByIdentity(em, org.code, input.period, input.title);
        if (existing) return { created: false, stand: await this.sameOrConflict(existing, contentHash) };

        const now = new Date();
        const actor = toActor(cmd.principal);
        const stand: StandEntity = Object.assign(new StandEntity(), {
          id: randomUUID(),
          organisationCode: org.code,
          period: input.period,
          title: input.title,
          publishedOn: input.publishedOn ?? null,
          sourceUrl: input.sourceUrl ?? null,
          contentHash,
          createdBy: { ...actor },
          createdAt: now,
        });
        const refs = await this.standen.nextReferences(em, input.knelpunten.length);
        const knelpunten = input.knelpunten.map((k, i) =>
          Object.assign(new KnelpuntEntity(), {
            id: randomUUID(),
            reference: `${org.code}-${String(refs[i]).padStart(5, '0')}`,
            standId: stand.id,
            organisationCode: org.code,
            driehoekCode: org.driehoek,
            position: i + 1,
            title: k.title,
            description: k.description,
            theme: k.theme,
            law: k.law ?? null,
            ministryCode: canonicalMinistry[i],
            impact: k.impact ?? null,
            proposedSolution: k.proposedSolution ?? null,
            externalRef: k.externalRef ?? null,
            ...toVerwijzingen(k),
            status: 'ingediend' as const,
            outcome: null,
            escalated: false,
            overdue: false,
            nextDueAt: null,
            deadlines: [],
            details: {},
            projectionVersion: 0,
            createdAt: now,
            updatedAt: now,
          }),
        );
        const timeline = knelpunten.map((k) =>
          Object.assign(new TimelineEntryEntity(), {
            id: randomUUID(),
            knelpuntId: k.id,
            at: now,
            type: 'ingediend',
            actor: { ...actor },
            data: { standId: stand.id, standTitle: stand.title, period: stand.period, bron: cmd.source },
          }),
        );
        await this.standen.insert(em, { stand, knelpunten, timeline });
        return { created: true, stand: toStandDto(stand, knelpunten) };
      });
    } catch (err) {
      // Two identical Standen raced: the loser reads the winner's.
      if (err instanceof QueryFailedError && (err as QueryFailedError & { code?: string }).code === '23505') {
        const existing = await this.standen.transaction((em) => this.standen.findByIdentity(em, org.code, input.period, input.title));
        if (existing) return { created: false, stand: await this.sameOrConflict(existing, contentHash) };
      }
      throw err;
    } finally {
      this.dispatcher.kick();
    }
  }

  private async sameOrConflict(existing: StandEntity, contentHash: string): Promise<StandDto> {
    if (existing.contentHash !== contentHash) {
      throw new DomainException(
        ErrorCode.CONFLICT,
        `Er bestaat al een Stand '${existing.title}' van ${existing.organisationCode} over periode ${existing.period} met andere inhoud. ` +
          'Gebruik een andere titel of periode voor een nieuwe Stand.',
        [{ name: 'title', reason: 'bestaat al voor deze organisatie en periode, met andere inhoud' }],
        { existingStandId: existing.id },
      );
    }
    this.logger.log(`Stand ${existing.id} opnieuw ontvangen; niets nieuws aangemaakt`);
    return toStandDto(existing, await this.standen.knelpuntenOf(existing.id));
  }
}

export function hashStand(org: string, input: SubmitStandDto, ministries: (string | null)[]): string {
  const canonical = {
    organisation: org,
    period: input.period,
    title: input.title,
    publishedOn: input.publishedOn ?? null,
    sourceUrl: input.sourceUrl ?? null,
    knelpunten: input.knelpunten.map((k, i) => {
      const fields: unknown[] = [
        k.title,
        k.description,
        k.theme,
        k.law ?? null,
        ministries[i],
        k.impact ?? null,
        k.proposedSolution ?? null,
        k.externalRef ?? null,
      ];
      // Only when there are any, so the hash of a Stand without references is what it was before they existed.
      const verwijzingen = toVerwijzingen(k);
      return hasVerwijzingen(verwijzingen) ? [...fields, verwijzingen] : fields;
    }),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export function toStandDto(stand: StandEntity, knelpunten: KnelpuntEntity[]): StandDto {
  return {
    id: stand.id,
    organisation: stand.organisationCode,
    period: stand.period,
    title: stand.title,
    publishedOn: stand.publishedOn,
    sourceUrl: stand.sourceUrl,
    createdAt: stand.createdAt.toISOString(),
    knelpunten: knelpunten.map((k) => ({
      id: k.id,
      reference: k.reference,
      status: k.status,
      outcome: k.outcome,
      title: k.title,
      theme: k.theme,
      externalRef: k.externalRef,
    })),
  };
}
