import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change in a park, append-only (the app role cannot update or delete these rows). */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('uuid', { name: 'park_id' }) parkId!: string;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'subject_type' }) subjectType!: string;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column('jsonb', { nullable: true }) before!: unknown;
  @Column('jsonb', { nullable: true }) after!: unknown;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' }) occurredAt!: Date;
}

/** A change to the directory of districts and parks, made by the platform. */
@Entity('platform_audit_events')
export class PlatformAuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'subject_type' }) subjectType!: string;
  @Column('text', { name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column('jsonb', { nullable: true }) after!: unknown;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' }) occurredAt!: Date;
}
