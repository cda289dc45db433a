import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  LEAD_FIELD_TYPES,
  MAX_CUSTOM_FIELDS,
  type LeadFieldType,
  type LeadForm,
  type Page,
  type LeadFormCustomField,
  type LeadFormFields,
  type LeadFormInput,
  type PublicLeadForm,
} from '@beaker/contracts';
import { Trim, TypeOf } from '../../../common/http/dto-transforms';

export class FieldSwitchDto {
  @ApiProperty({ description: 'The form asks it' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ description: 'The form refuses a submission without it' })
  @IsBoolean()
  required: boolean;
}

export class CustomFieldDto implements LeadFormCustomField {
  @ApiProperty({ example: 'service', description: 'Key in the submission: `[a-z][a-z0-9_]{0,39}`, unique in the form, not a built-in field' })
  @IsString()
  @MaxLength(40)
  key: string;

  @ApiProperty({ example: 'What do you need?' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  label: string;

  @ApiProperty({ enum: LEAD_FIELD_TYPES })
  @IsIn(LEAD_FIELD_TYPES)
  type: LeadFieldType;

  @ApiProperty()
  @IsBoolean()
  required: boolean;

  @ApiPropertyOptional({ type: [String], example: ['Repair', 'Installation', 'Maintenance'], description: 'For a select: its choices (1 to 20)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];
}

export class LeadFormFieldsDto implements LeadFormFields {
  @ApiProperty({ type: FieldSwitchDto })
  @IsObject()
  @ValidateNested()
  @TypeOf(() => FieldSwitchDto)
  email: FieldSwitchDto;

  @ApiProperty({ type: FieldSwitchDto })
  @IsObject()
  @ValidateNested()
  @TypeOf(() => FieldSwitchDto)
  message: FieldSwitchDto;

  @ApiProperty({ type: [CustomFieldDto], maxItems: MAX_CUSTOM_FIELDS, description: `Besides name and phone (always asked), up to ${MAX_CUSTOM_FIELDS}` })
  @IsArray()
  @ArrayMaxSize(MAX_CUSTOM_FIELDS)
  @ValidateNested({ each: true })
  @TypeOf(() => CustomFieldDto)
  custom: CustomFieldDto[];
}

export class LeadFormInputDto implements LeadFormInput {
  @ApiProperty({ example: 'Website quote form' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: LeadFormFieldsDto, description: 'Default: email and message asked, optional; no custom fields' })
  @IsObject()
  @ValidateNested()
  @TypeOf(() => LeadFormFieldsDto)
  fields: LeadFormFieldsDto;

  @ApiProperty({
    example: 'By submitting this form, I agree that Cool Air HVAC may call me at the number above about my request, including with an AI voice assistant…',
    description: 'Shown beside the consent checkbox; every lead keeps the exact text it saw. Default: a text naming the business, AI voice and how to opt out',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  consentText: string;

  @ApiProperty({ type: [String], example: ['https://www.coolair.example'], description: 'Origins whose pages may submit the form (scheme + host [+ port], no path)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  allowedOrigins: string[];

  @ApiProperty({ description: 'Call each new lead at once when the law allows (default true)' })
  @IsBoolean()
  autoCall: boolean;

  @ApiProperty({ example: 'Thanks! We will call you in a moment.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  thankYouMessage: string;
}

/** POST: only the name is required; the rest have defaults. */
export class CreateLeadFormDto extends PartialType(OmitType(LeadFormInputDto, ['name'] as const)) {
  // Not inherited through PartialType, whose @IsOptional would let a missing name through.
  @ApiProperty({ example: 'Website quote form' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

/** PATCH: any of the fields. */
export class UpdateLeadFormDto extends PartialType(LeadFormInputDto) {}

export class LeadFormDto extends LeadFormInputDto implements LeadForm {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 1, description: 'Up by one each time consentText changes' })
  @IsInt()
  consentVersion: number;

  @ApiProperty({ example: '<script src="https://app.beaker.example/embed/v1.js" data-form="…" async></script>' })
  embedSnippet: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class PublicLeadFormDto implements PublicLeadForm {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Cool Air HVAC' })
  businessName: string;

  @ApiProperty({ type: LeadFormFieldsDto })
  fields: LeadFormFieldsDto;

  @ApiProperty()
  consentText: string;

  @ApiProperty({ example: 1 })
  consentVersion: number;

  @ApiProperty()
  thankYouMessage: string;

  @ApiProperty({ example: 'company_website_3f2a9c1d', description: 'A field to render hidden from people; a submission that fills it is dropped quietly' })
  honeypotField: string;

  @ApiProperty({ type: Boolean, nullable: true, description: "Whether the asking page's origin may submit the form (null: no Origin header)" })
  originAllowed: boolean | null;
}

/** GET …/forms: a page of forms, newest first. */
export class LeadFormPageDto implements Page<LeadForm> {
  @ApiProperty({ type: [LeadFormDto] })
  items: LeadFormDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
