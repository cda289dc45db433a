import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit log, for every module that changes something worth answering for (DNC, admin actions). */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditLogEntry])], providers: [AuditRepository, AuditService], exports: [AuditService] })
export class AuditModule {}
