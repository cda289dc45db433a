import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { PaymentFailedNotice } from '../billing/payment-failed-notice.service';
import { ReceiptNotice } from '../billing/receipt-notice.service';
import { WelcomeNotice } from '../provisioning/welcome-notice.service';
import { BusinessProvisioning } from '../provisioning/business-provisioning.service';

@Processor(QueueName.Businesses)
export class BusinessesProcessor extends QueueProcessor<QueueName.Businesses> {
  readonly queue = QueueName.Businesses;

  constructor(
    private readonly provisioning: BusinessProvisioning,
    private readonly paymentFailed: PaymentFailedNotice,
    private readonly receipt: ReceiptNotice,
    private readonly welcome: WelcomeNotice,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Businesses> = {
    [JobName.ProvisionBusiness]: (payload, meta) => this.provisioning.runStep(payload, meta),
    [JobName.NotifyPaymentFailed]: (payload) => this.paymentFailed.notify(payload),
    [JobName.NotifyInvoicePaid]: (payload) => this.receipt.notify(payload),
    [JobName.SendWelcome]: (payload) => this.welcome.notify(payload),
  };
}
