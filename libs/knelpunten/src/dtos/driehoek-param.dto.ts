import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class DriehoekCodeParamDto {
  @ApiProperty({ example: 'UWV' })
  @IsString({ message: 'moet tekst zijn' })
  @Matches(/^[A-Za-z]{2,16}$/, { message: 'moet een driehoekcode zijn, zoals UWV' })
  code: string;
}
