import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log, for every module that changes something worth answering for (DNC, admin actions). */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
