import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InvalidParamDto {
  @ApiProperty({ example: 'theme' }) name: string;
  @ApiProperty({ example: "moet een van de volgende thema's zijn: …" }) reason: string;
}

/** The cells of one CSV row as written (only the known columns; empty cells left out). */
export class CsvRowValuesDto {
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional() theme?: string;
  @ApiPropertyOptional() law?: string;
  @ApiPropertyOptional() ministry?: string;
  @ApiPropertyOptional() impact?: string;
  @ApiPropertyOptional() proposedSolution?: string;
  @ApiPropertyOptional() externalRef?: string;
  @ApiPropertyOptional({ description: 'De cel zoals geschreven: Kamerstukken gescheiden door ; , of spatie' }) kamerstukken?: string;
  @ApiPropertyOptional({ description: 'De cel zoals geschreven: moties gescheiden door ; , of spatie' }) moties?: string;
  @ApiPropertyOptional({ description: 'De cel zoals geschreven: toezeggingen gescheiden door ; , of spatie' }) toezeggingen?: string;
  @ApiPropertyOptional({ description: 'De cel zoals geschreven: BWB-ids gescheiden door ; , of spatie' }) bwbIds?: string;
}

export class CsvPreviewRowDto {
  @ApiProperty({ description: 'Rijnummer zoals een spreadsheet het toont (de kopregel is rij 1)', example: 2 }) row: number;
  @ApiProperty({ type: CsvRowValuesDto }) values: CsvRowValuesDto;
  @ApiProperty({ type: [InvalidParamDto], description: 'Wat er in deze rij niet goed is, per veld' }) invalidParams: InvalidParamDto[];
}

export class CsvPreviewDto {
  @ApiProperty({ description: 'true: de import zou deze CSV aannemen' }) valid: boolean;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ example: '2025' }) period: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CsvPreviewRowDto] }) rows: CsvPreviewRowDto[];
  @ApiProperty({ type: [InvalidParamDto], description: 'Problemen van het bestand als geheel (kopregel, leeg, onleesbaar)' })
  invalidParams: InvalidParamDto[];
}
