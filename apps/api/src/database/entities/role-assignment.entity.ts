import type { ParkRole } from '@qifu/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A role a user holds in a park (and, for department roles, in one department). */
@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'park_id' }) parkId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') role!: ParkRole;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
