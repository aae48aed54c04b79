// An entity's facts as term and value pairs (ARN, created, last used…), alone or as the page's
// Summary panel; a value left undefined is shown as a dash.
import type { ReactNode } from 'react';

type Facts = readonly (readonly [string, ReactNode])[];

export function FactList({ items }: { items: Facts }) {
  return (
    <dl className="summary">
      {items.map(([term, value]) => (
        <div key={term} className="summary-item">
          <dt>{term}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SummaryList({ items }: { items: Facts }) {
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <FactList items={items} />
    </section>
  );
}
