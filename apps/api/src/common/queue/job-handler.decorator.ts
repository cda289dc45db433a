import { SetMetadata } from '@nestjs/common';
import { JobName } from './jobs';

export const JOB_HANDLER = 'beaker:job-handler';

/** Marks a provider method as the one handler of a job name. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
