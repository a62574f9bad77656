import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DepartmentKind = 'PARK' | 'DISTRICT';

/** A park 部室 (kind PARK) or a district bureau the park refers cases to (kind DISTRICT). */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'park_id' }) parkId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'name_en', nullable: true }) nameEn!: string | null;
  @Column('text') kind!: DepartmentKind;
  @Column('boolean') active!: boolean;
  @Column('uuid', { name: 'head_user_id', nullable: true }) headUserId!: string | null;
  @Column('integer', { name: 'sort_order' }) sortOrder!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
