import { Injectable } from '@nestjs/common';
import { GelijkgesteldeDagRepository, GelijkgesteldeDagRecord } from '../../repositories/gelijkgestelde-dag.repository';
import type { GelijkgesteldeDagDto } from '../../dtos/gelijkgestelde-dag.dto';

export function toGelijkgesteldeDagDto(d: GelijkgesteldeDagRecord): GelijkgesteldeDagDto {
  return { date: d.date, name: d.name, createdAt: d.createdAt.toISOString() };
}

@Injectable()
export class ListGelijkgesteldeDagenUseCase {
  constructor(private readonly dagen: GelijkgesteldeDagRepository) {}

  async execute(year?: number): Promise<GelijkgesteldeDagDto[]> {
    return (await this.dagen.list(year)).map(toGelijkgesteldeDagDto);
  }
}
