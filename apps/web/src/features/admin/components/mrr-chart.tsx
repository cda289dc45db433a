import type { MrrPeriod } from '@beaker/contracts';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const dollars = (cents: number) => cents / 100;

/** MRR at each month's end (a line) and the month's movements (bars; contraction and churn below zero), in dollars. */
export function MrrChart({ periods }: { periods: MrrPeriod[] }) {
  const data = periods.map((p) => ({
    month: p.start.slice(0, 7),
    mrr: dollars(p.endingMrrCents),
    new: dollars(p.newCents),
    expansion: dollars(p.expansionCents),
    reactivation: dollars(p.reactivationCents),
    contraction: dollars(p.contractionCents),
    churn: dollars(p.churnCents),
  }));
  return (
    <figure className="staff-analytics-chart">
      <figcaption>MRR and its movements (US dollars)</figcaption>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart
          data={data}
          stackOffset="sign"
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          title="MRR and its movements, per month"
          desc="Monthly recurring revenue at each month's end, with new, expansion and reactivation above zero and contraction and churn below"
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => USD.format(v)} width={72} />
          <Tooltip formatter={(v) => USD.format(Number(v))} />
          <Legend />
          <ReferenceLine y={0} stroke="#6b7280" />
          <Bar dataKey="new" name="New" stackId="movements" fill="#16a34a" />
          <Bar dataKey="expansion" name="Expansion" stackId="movements" fill="#2563eb" />
          <Bar dataKey="reactivation" name="Reactivation" stackId="movements" fill="#7c3aed" />
          <Bar dataKey="contraction" name="Contraction" stackId="movements" fill="#f59e0b" />
          <Bar dataKey="churn" name="Churn" stackId="movements" fill="#dc2626" />
          <Line type="linear" dataKey="mrr" name="MRR" stroke="#111827" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
