import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CaseCommand } from '@qifu/domain';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  AddProgressNoteInput,
  ApproveCaseInput,
  Case,
  CloseOutCaseInput,
  EscalateCaseInput,
  DecideExtensionInput,
  DecideObjectionInput,
  GradeCaseInput,
  HandOverToOfficeInput,
  LedgerFilter,
  LedgerConnection,
  LedgerSortEnum,
  ObjectToAssignmentInput,
  OrderSpecialSupervisionInput,
  ReportPartInput,
  RecordCoordinationInput,
  RecordFollowUpInput,
  RecordPolicyDiscussionInput,
  ReportToLeaderInput,
  RecordReferralReplyInput,
  RegisterCaseInput,
  RejectCaseInput,
  RequestExtensionInput,
  ReviewResultInput,
  ScreenCaseInput,
  SendBackCaseInput,
  SkipCaseStepInput,
  StartHandlingInput,
  SubmitResultInput,
  SuperviseOverdueInput,
  VerifyCaseInput,
} from './case.models.js';
import { CaseService } from './case.service.js';

/**
 * The case lifecycle. Each act is its own mutation with a typed input; all of them go through one
 * decision in libs/domain (role, status, rules) and one write path (version check, timeline, audit).
 */
@Resolver()
export class CaseResolver {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  private act(
    ctx: RequestContext,
    input: { caseId: string; version: number },
    command: CaseCommand,
  ): Promise<Case> {
    return this.cases.act(ctx.actor!, input.caseId, input.version, command);
  }

  @Allow('read', 'Case')
  @Query(() => LedgerConnection, { description: 'The ledger (台账): filtered, sorted, one page at a time.' })
  ledger(
    @Args('filter', { type: () => LedgerFilter, nullable: true }) filter: LedgerFilter | null,
    @Args('sort', { type: () => LedgerSortEnum, defaultValue: 'REGISTRATION_DESC' })
    sort: keyof typeof LedgerSortEnum,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: RequestContext,
  ): Promise<LedgerConnection> {
    return this.cases.ledger(ctx.actor!, filter ?? {}, sort, first, after);
  }

  @Allow('read', 'Case')
  @Query(() => Case, { name: 'case' })
  getCase(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Case> {
    return this.cases.get(ctx.actor!, id);
  }

  @Allow('create', 'Case')
  @Mutation(() => Case, { description: 'Art. 6: registers a case with the next registration number.' })
  registerCase(@Args('input') input: RegisterCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.cases.register(ctx.actor!, input);
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  verifyCase(@Args('input') input: VerifyCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'verify',
      notes: input.notes,
      ...(input.enterpriseConfirmed === undefined ? {} : { enterpriseConfirmed: input.enterpriseConfirmed }),
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  rejectCase(@Args('input') input: RejectCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'reject', reason: input.reason, note: input.note ?? '' });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  recordPolicyDiscussion(
    @Args('input') input: RecordPolicyDiscussionInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, { type: 'recordPolicyDiscussion', minutes: input.minutes });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description: 'Art. 6: reports a major, difficult case to the leader in charge, who is notified.',
  })
  reportToLeader(@Args('input') input: ReportToLeaderInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'reportToLeader', summary: input.summary });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  screenCase(@Args('input') input: ScreenCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'screen',
      jurisdiction: input.jurisdiction,
      major: input.major,
      policyHeavy: input.policyHeavy,
      leadDepartmentId: input.leadDepartmentId ?? null,
      cooperatingDepartmentIds: input.cooperatingDepartmentIds ?? [],
      departmentTiers: input.departmentTiers ?? [],
      referredDepartmentIds: input.referredDepartmentIds ?? [],
      opinion: input.opinion,
      flagCodes: input.flagCodes ?? [],
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  approveCase(@Args('input') input: ApproveCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'approve', opinion: input.opinion ?? '' });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  sendBackCase(@Args('input') input: SendBackCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'sendBack', reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  startHandling(@Args('input') input: StartHandlingInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'startHandling' });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  submitResult(@Args('input') input: SubmitResultInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'submitResult',
      replyToEnterprise: input.replyToEnterprise,
      result: input.result,
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  reviewResult(@Args('input') input: ReviewResultInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'reviewResult',
      approved: input.approved,
      comment: input.comment ?? '',
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  recordReferralReply(
    @Args('input') input: RecordReferralReplyInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, {
      type: 'recordReferralReply',
      departmentId: input.departmentId,
      repliedOn: input.repliedOn,
      responsiblePerson: input.responsiblePerson,
      contact: input.contact,
      content: input.content,
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  gradeCase(@Args('input') input: GradeCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'grade', gradeCode: input.gradeCode, reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  recordFollowUp(@Args('input') input: RecordFollowUpInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'recordFollowUp',
      satisfactionCode: input.satisfactionCode,
      note: input.note ?? '',
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  closeOutCase(@Args('input') input: CloseOutCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'closeOut' });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, { description: 'Art. 10: orders special supervision (专项督办) of the case.' })
  orderSpecialSupervision(
    @Args('input') input: OrderSpecialSupervisionInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, { type: 'specialSupervision', event: input.event, reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  superviseOverdue(
    @Args('input') input: SuperviseOverdueInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, { type: 'superviseOverdue', note: input.note ?? '' });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, { description: 'Art. 11: submits the case to the Party Working Committee.' })
  escalateCase(@Args('input') input: EscalateCaseInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'escalate', ground: input.ground, reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case)
  recordCoordination(
    @Args('input') input: RecordCoordinationInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, {
      type: 'recordCoordination',
      kind: input.kind,
      heldOn: input.heldOn,
      participants: input.participants,
      minutes: input.minutes,
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, { description: '延期申请: the lead department asks to move its reply deadline.' })
  requestExtension(
    @Args('input') input: RequestExtensionInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, { type: 'requestExtension', newDueOn: input.newDueOn, reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description: 'Approves (the deadline moves, with its trace) or refuses an extension.',
  })
  decideExtension(@Args('input') input: DecideExtensionInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'decideExtension', approved: input.approved, note: input.note });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description: '异议: the lead department contests its assignment within the window.',
  })
  objectToAssignment(
    @Args('input') input: ObjectToAssignmentInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, { type: 'objectToAssignment', reason: input.reason });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description: 'Maintains the assignment (final) or gives the case to another department.',
  })
  decideObjection(@Args('input') input: DecideObjectionInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'decideObjection',
      outcome: input.outcome,
      leadDepartmentId: input.leadDepartmentId ?? null,
      cooperatingDepartmentIds: input.cooperatingDepartmentIds ?? [],
      departmentTiers: input.departmentTiers ?? [],
      note: input.note,
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description:
      '分办 / 协办: a split department answers the enterprise for its part, an assisting one reports to the lead.',
  })
  reportPart(@Args('input') input: ReportPartInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, {
      type: 'reportPart',
      ...(input.departmentId ? { departmentId: input.departmentId } : {}),
      report: input.report,
      ...(input.replyToEnterprise !== undefined ? { replyToEnterprise: input.replyToEnterprise } : {}),
    });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description:
      "Passes over the optional step due now (the park's rules), with the reason; on the timeline.",
  })
  skipCaseStep(@Args('input') input: SkipCaseStepInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'skipStep', step: input.step, reason: input.reason });
  }

  @Allow('read', 'Case')
  @Mutation(() => Case, {
    description: 'Progress notes: any department working on the case, or the service center.',
  })
  addProgressNote(@Args('input') input: AddProgressNoteInput, @Context() ctx: RequestContext): Promise<Case> {
    return this.act(ctx, input, { type: 'addProgressNote', note: input.note });
  }

  @Allow('update', 'Case')
  @Mutation(() => Case, {
    description:
      '移交: hands a supervised overdue case over to outside offices, with a numbered hand-over letter to each.',
  })
  handOverToOffice(
    @Args('input') input: HandOverToOfficeInput,
    @Context() ctx: RequestContext,
  ): Promise<Case> {
    return this.act(ctx, input, {
      type: 'handOverToOffice',
      ...(input.officeCodes ? { officeCodes: input.officeCodes } : {}),
      note: input.note ?? '',
    });
  }
}
