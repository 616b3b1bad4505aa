import { IsIn, IsOptional } from 'class-validator';
import { IsRealDate } from './validation';

export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];


/** Query parameters every analytics read accepts. */
export class CommonQueryDto {
  @IsOptional() @IsIn([...FORMATS], { message: `must be one of: ${FORMATS.join(', ')}` })
  format?: string;
}

export class AsOfQueryDto extends CommonQueryDto {
  @IsOptional() @IsRealDate()
  asOf?: string;
}

