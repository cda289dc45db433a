import { Module } from '@nestjs/common';
import { BusinessesController } from './businesses.controller';
import { BusinessesService } from './businesses.service';
import { PlansController } from './plans.controller';

@Module({ controllers: [PlansController, BusinessesController], providers: [BusinessesService], exports: [BusinessesService] })
export class BusinessesModule {}
