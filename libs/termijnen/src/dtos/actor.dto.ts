import { ApiProperty } from '@nestjs/swagger';

/** Who did something. */
export class ActorDto {
  @ApiProperty({ example: 'f3a1c2d4' }) subject: string;
  @ApiProperty({ example: 'A. de Vries' }) name: string;
  @ApiProperty({ example: 'programmadirectie' }) role: string;
  @ApiProperty({ nullable: true, type: String, example: null }) organisation: string | null;
}
