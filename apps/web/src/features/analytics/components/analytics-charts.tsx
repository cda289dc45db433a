import type { AnalyticsPoint } from '@beaker/contracts';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const HEIGHT = 260;

/** Calls and leads per day or week, and the time to call (median and p90). */
export function AnalyticsCharts({ series }: { series: AnalyticsPoint[] }) {
  return (
    <>
      <figure className="card analytics-chart">
        <figcaption>Calls and leads</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} title="Calls and leads, per period" desc="Inbound calls and calls to leads stacked, and leads captured, for each day or week of the range">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="start" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="inbound" name="Inbound calls" stackId="calls" fill="#2563eb" />
            <Bar dataKey="outboundLead" name="Calls to leads" stackId="calls" fill="#60a5fa" />
            <Bar dataKey="leads" name="Leads" fill="#16a34a" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card analytics-chart">
        <figcaption>Time to call a new lead (seconds)</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} title="Time to call a new lead, per period" desc="Median and 90th percentile seconds from a lead's capture to its first call">
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="start" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="timeToCallP50Seconds" name="Median" stroke="#2563eb" connectNulls dot={false} />
            <Line type="monotone" dataKey="timeToCallP90Seconds" name="90th percentile" stroke="#f59e0b" connectNulls dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </>
  );
}
