import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listEnum } from '../graphql/list-enum.js';
import { DOCX_KINDS, type DocxKind } from '@qifu/documents';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LedgerFilter, LedgerSortEnum } from '../cases/case.models.js';
import { JSONScalar } from '../graphql/json.scalar.js';
import { DateScalar } from '../graphql/date.scalar.js';

export const DocumentKindEnum = listEnum(
  'DocumentKind',
  DOCX_KINDS,
  'The Word documents of a case (Attachments 2–4, Art. 10 and 11).',
);

export type PdfStatus = 'PENDING' | 'READY' | 'FAILED';
export const PdfStatusEnum = listEnum(
  'PdfStatus',
  ['PENDING', 'READY', 'FAILED'],
  'The PDF of an issued file: being converted, ready to download, or failed (retried).',
);

@ObjectType({ description: 'Why the PDF of an issued file could not be made.' })
export class PdfConversionProblem {
  @Field({ description: 'unavailable, invalid-input, timeout, crashed, failed or closed.' }) reason!: string;
  @Field() message!: string;
}

@ObjectType({ description: 'A Word file issued for a case: kept as issued, never replaced.' })
export class IssuedDocument {
  @Field(() => ID) id!: string;
  @Field(() => DocumentKindEnum) kind!: DocxKind;
  @Field({ description: 'The number the document carries (登记编号, 交办编号, 发文字号).' }) number!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'What it was made from: the case document, circular notice or case event (null: the registration form).',
  })
  documentId!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: "The park's template version; null: the built-in default.",
  })
  templateVersion!: number | null;
  @Field() fileName!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field({ description: 'SHA-256 of the bytes, hexadecimal.' }) sha256!: string;
  @Field() issuedAt!: Date;
  @Field(() => String, { nullable: true }) issuedByName!: string | null;
  @Field({ description: 'GET with the same bearer token as GraphQL.' }) downloadUrl!: string;
  @Field(() => PdfStatusEnum, {
    nullable: true,
    description: 'Its PDF; null: none was asked for (PDF output off, or issued before PDFs).',
  })
  pdfStatus!: PdfStatus | null;
  @Field(() => PdfConversionProblem, { nullable: true, description: 'Why the PDF failed (FAILED only).' })
  pdfError!: PdfConversionProblem | null;
  @Field(() => String, {
    nullable: true,
    description: 'GET the PDF with the bearer token (READY only).',
  })
  pdfDownloadUrl!: string | null;
  @Field({
    description:
      'A PDF can be asked for (convertIssuedDocumentPdf): PDF output is on and there is none, or the last conversion failed.',
  })
  pdfConvertible!: boolean;
}

@ObjectType({
  description: 'A document the case has or the rulebook names for it, which can be issued as a file.',
})
export class IssuableDocument {
  @Field(() => DocumentKindEnum) kind!: DocxKind;
  @Field(() => String, {
    nullable: true,
    description: 'Pass to issueDocument (null: the registration form).',
  })
  documentId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Its number; null until first issued when it takes one then.',
  })
  number!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The addressee or department named, where there is one.',
  })
  departmentName!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The date of the act the document records.' })
  date!: string | null;
}

@InputType()
export class IssueDocumentInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a case id' }) caseId!: string;
  @Field(() => DocumentKindEnum) @IsIn([...DOCX_KINDS]) kind!: DocxKind;
  @Field(() => String, {
    nullable: true,
    description:
      'The case document, circular notice or case event it is made from (see Case.issuableDocuments).',
  })
  @IsOptional()
  @MaxLength(64)
  documentId?: string | null;
}

@InputType()
export class ConvertIssuedDocumentPdfInput {
  @Field(() => ID, { description: 'The issued file.' })
  @IsUUID('all', { message: 'must be an issued document id' })
  issuedDocumentId!: string;
}

@ObjectType({ description: "One uploaded version of a park's template." })
export class DocumentTemplateVersion {
  @Field(() => ID) id!: string;
  @Field(() => DocumentKindEnum) kind!: DocxKind;
  @Field(() => Int) version!: number;
  @Field() fileName!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field() sha256!: string;
  @Field(() => [String], { description: 'The placeholders it uses.' }) placeholders!: string[];
  @Field() uploadedAt!: Date;
  @Field(() => String, { nullable: true }) uploadedByName!: string | null;
  @Field() active!: boolean;
  @Field({ description: 'GET: the uploaded file.' }) downloadUrl!: string;
  @Field({ description: 'GET: the file filled with the sample data.' }) previewUrl!: string;
}

@ObjectType({ description: 'A placeholder a template may use (placeholderCatalogue).' })
export class DocumentPlaceholder {
  @Field() name!: string;
  @Field({ description: 'text, condition or loop' }) kind!: string;
  @Field({ description: 'How to write it in Word.' }) tag!: string;
  @Field() descriptionZh!: string;
  @Field() descriptionEn!: string;
  @Field(() => JSONScalar, { description: 'Text, true/false, or the example items of a loop.' })
  example!: unknown;
  @Field(() => [DocumentPlaceholder], { nullable: true }) fields!: DocumentPlaceholder[] | null;
}

@ObjectType({
  description: "A document kind's templates in the park: the one in force, the versions, the placeholders.",
})
export class DocumentTemplateKindInfo {
  @Field(() => DocumentKindEnum) kind!: DocxKind;
  @Field() labelZh!: string;
  @Field() labelEn!: string;
  @Field(() => Int, { nullable: true, description: 'The version in force; null: the built-in default.' })
  activeVersion!: number | null;
  @Field(() => String, { nullable: true }) activeTemplateId!: string | null;
  @Field(() => [DocumentTemplateVersion], { description: 'Newest first.' })
  versions!: DocumentTemplateVersion[];
  @Field(() => [DocumentPlaceholder]) placeholders!: DocumentPlaceholder[];
  @Field({ description: 'GET: the built-in default template.' }) defaultUrl!: string;
  @Field({ description: 'GET: the built-in default filled with the sample data.' })
  defaultPreviewUrl!: string;
  @Field({ description: 'POST multipart (field file): a new version.' }) uploadUrl!: string;
  @Field(() => Int) maxBytes!: number;
}

@InputType()
export class ActivateDocumentTemplateInput {
  @Field(() => DocumentKindEnum) @IsIn([...DOCX_KINDS]) kind!: DocxKind;
  @Field(() => ID, {
    nullable: true,
    description: 'A version of this kind; null: back to the built-in default.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a template id' })
  templateId?: string | null;
}

export const DocumentBatchStatusEnum = listEnum(
  'DocumentBatchStatus',
  ['PENDING', 'RUNNING', 'DONE', 'FAILED'],
  'Waiting for the job, issuing, ZIP ready, or stopped (errorMessage says why).',
);

@ObjectType({ description: 'A document of a batch that could not be issued, and why.' })
export class DocumentBatchFailure {
  @Field(() => ID) caseId!: string;
  @Field() registrationNo!: string;
  @Field(() => DocumentKindEnum) kind!: DocxKind;
  @Field() message!: string;
}

@ObjectType({
  description:
    "Batch generation (批量生成): the documents of the ledger's cases under a filter, issued by a job.",
})
export class DocumentBatch {
  @Field(() => ID) id!: string;
  @Field(() => [DocumentKindEnum]) kinds!: DocxKind[];
  @Field(() => DocumentBatchStatusEnum) status!: keyof typeof DocumentBatchStatusEnum;
  @Field(() => Int, { description: 'Documents to issue.' }) total!: number;
  @Field(() => Int, { description: 'Issued so far.' }) issued!: number;
  @Field(() => Int, { description: 'Could not be issued (see failures).' }) failed!: number;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes!: number | null;
  @Field(() => String, { nullable: true, description: 'GET the ZIP with the bearer token (DONE only).' })
  downloadUrl!: string | null;
  @Field(() => String, { nullable: true }) errorMessage!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => [DocumentBatchFailure], { description: 'Read by documentBatch; empty in lists.' })
  failures!: DocumentBatchFailure[];
}

@InputType()
export class StartDocumentBatchInput {
  @Field(() => LedgerFilter, { nullable: true, description: "The ledger's filter: the cases of the batch." })
  @IsOptional()
  @ValidateNested()
  @Type(() => LedgerFilter)
  filter?: LedgerFilter | null;
  @Field(() => LedgerSortEnum, { defaultValue: 'REGISTRATION_DESC', description: 'The order in the ZIP.' })
  @IsIn(Object.values(LedgerSortEnum))
  sort!: keyof typeof LedgerSortEnum;
  @Field(() => [DocumentKindEnum], {
    description: 'REGISTRATION_FORM, ASSIGNMENT_SHEET, REFERRAL_LETTER and/or SUPERVISION_LETTER.',
  })
  @ArrayMinSize(1, { message: 'choose at least one kind' })
  @ArrayMaxSize(DOCX_KINDS.length)
  @IsIn([...DOCX_KINDS], { each: true })
  kinds!: DocxKind[];
}
