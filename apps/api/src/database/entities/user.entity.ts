import type { PlatformRole } from '@qifu/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  @Column('uuid', { name: 'home_park_id', nullable: true }) homeParkId!: string | null;
  @Column('text', { name: 'platform_role', nullable: true }) platformRole!: PlatformRole | null;
  @Column('uuid', { name: 'district_id', nullable: true }) districtId!: string | null;
  @Column('boolean') active!: boolean;
  @Column('integer', { name: 'failed_attempts' }) failedAttempts!: number;
  @Column('timestamptz', { name: 'last_failed_sign_in_at', nullable: true }) lastFailedSignInAt!: Date | null;
  /** Written into every access token; raised whenever the tokens issued so far must stop working. */
  @Column('integer', { name: 'session_version' }) sessionVersion!: number;
  /** Refresh tokens issued before this instant are refused. */
  @Column('timestamptz', { name: 'sessions_revoked_at', nullable: true }) sessionsRevokedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
