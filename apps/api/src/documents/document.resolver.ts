import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { Case } from '../cases/case.models.js';
import { DocumentTemplateService } from './document-template.service.js';
import {
  ActivateDocumentTemplateInput,
  ConvertIssuedDocumentPdfInput,
  DocumentBatch,
  StartDocumentBatchInput,
  DocumentTemplateKindInfo,
  IssuableDocument,
  IssueDocumentInput,
  IssuedDocument,
} from './document.models.js';
import { IssuedDocumentService } from './issued-document.service.js';
import { DocumentBatchService } from './document-batch.service.js';

/** Word files of a case's documents, and the park's templates they are filled from. */
@Resolver(() => Case)
export class DocumentResolver {
  constructor(
    @Inject(IssuedDocumentService) private readonly issued: IssuedDocumentService,
    @Inject(DocumentTemplateService) private readonly templates: DocumentTemplateService,
    @Inject(DocumentBatchService) private readonly batches: DocumentBatchService,
  ) {}

  @ResolveField(() => [IssuedDocument], { description: 'Files issued for the case, oldest first.' })
  issuedDocuments(@Parent() c: Case, @Context() ctx: RequestContext): Promise<IssuedDocument[]> {
    return this.issued.listOf(ctx.actor!, c.id);
  }

  @ResolveField(() => [IssuableDocument], {
    description: 'The documents the case has or the rulebook names, each of which can be issued as a file.',
  })
  issuableDocuments(@Parent() c: Case, @Context() ctx: RequestContext): Promise<IssuableDocument[]> {
    return this.issued.issuableOf(ctx.actor!, c.id);
  }

  @Allow('create', 'Case')
  @Mutation(() => IssuedDocument, {
    description:
      'Fills the template in force with the document and stores the file (a new one on each issue).',
  })
  issueDocument(
    @Args('input') input: IssueDocumentInput,
    @Context() ctx: RequestContext,
  ): Promise<IssuedDocument> {
    return this.issued.issue(ctx.actor!, input.caseId, input.kind, input.documentId ?? null);
  }

  @Allow('create', 'Case')
  @Mutation(() => IssuedDocument, {
    description: 'Converts an issued file to PDF again after the conversion failed (a new job).',
  })
  convertIssuedDocumentPdf(
    @Args('input') input: ConvertIssuedDocumentPdfInput,
    @Context() ctx: RequestContext,
  ): Promise<IssuedDocument> {
    return this.issued.convertPdfAgain(ctx.actor!, input.issuedDocumentId);
  }

  @Allow('read', 'ParkRules')
  @Query(() => [DocumentTemplateKindInfo], { description: "The park's document templates, per kind." })
  documentTemplates(@Context() ctx: RequestContext): Promise<DocumentTemplateKindInfo[]> {
    return this.templates.list(ctx.actor!);
  }

  @Allow('update', 'ParkRules')
  @Mutation(() => DocumentTemplateKindInfo, {
    description:
      'Puts an uploaded version (or the built-in default) in force for documents issued from now on.',
  })
  activateDocumentTemplate(
    @Args('input') input: ActivateDocumentTemplateInput,
    @Context() ctx: RequestContext,
  ): Promise<DocumentTemplateKindInfo> {
    return this.templates.activate(ctx.actor!, input.kind, input.templateId ?? null);
  }

  @Allow('create', 'Case')
  @Mutation(() => DocumentBatch, {
    description:
      'Batch generation: issues the chosen kinds for every case of the ledger under the filter, in a job; poll documentBatch for progress.',
  })
  startDocumentBatch(
    @Args('input') input: StartDocumentBatchInput,
    @Context() ctx: RequestContext,
  ): Promise<DocumentBatch> {
    return this.batches.start(ctx.actor!, {
      filter: input.filter ?? {},
      sort: input.sort,
      kinds: input.kinds,
    });
  }

  @Allow('create', 'Case')
  @Query(() => DocumentBatch, {
    description: 'A batch of the signed-in person: progress, failures, the ZIP.',
  })
  documentBatch(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<DocumentBatch> {
    return this.batches.get(ctx.actor!, id);
  }

  @Allow('create', 'Case')
  @Query(() => [DocumentBatch], { description: "The signed-in person's latest ten batches, newest first." })
  myDocumentBatches(@Context() ctx: RequestContext): Promise<DocumentBatch[]> {
    return this.batches.listMine(ctx.actor!);
  }
}
