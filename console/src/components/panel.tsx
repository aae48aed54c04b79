// A section of a page: a white panel named by its <h2>, with buttons beside the heading when given.
import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Buttons beside the heading ("Attach policies", "Create access key"…). */
  actions?: ReactNode;
  children: ReactNode;
}

export function Panel({ title, actions, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="heading-row">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
