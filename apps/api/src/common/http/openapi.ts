import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldProblem, ProblemDetails } from '@beaker/contracts';

export class FieldProblemResponse implements FieldProblem {
  @ApiProperty({ example: 'phone' })
  field: string;

  @ApiProperty({ type: [String], example: ['phone must be a valid phone number'] })
  messages: string[];
}

/** RFC 9457 problem details, as every error is answered (`application/problem+json`). */
export class ProblemResponse implements ProblemDetails {
  @ApiProperty({ example: 'https://beaker.dev/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'The request is not valid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'phone: phone must be a valid phone number' })
  detail?: string;

  @ApiProperty({ example: 'VALIDATION.FAILED', description: 'Stable machine-readable code' })
  code: string;

  @ApiPropertyOptional({ type: [FieldProblemResponse] })
  errors?: FieldProblemResponse[];

  @ApiPropertyOptional({ description: 'On 500s: quote it to support; it is in our logs' })
  errorId?: string;
}
