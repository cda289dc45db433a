import { Module } from '@nestjs/common';
import { CircuitBreakersController } from './circuit-breakers.controller';

/** Beaker staff's surface: health of the providers' breakers (search, costs and more come with the admin issue). */
@Module({ controllers: [CircuitBreakersController] })
export class AdminModule {}
