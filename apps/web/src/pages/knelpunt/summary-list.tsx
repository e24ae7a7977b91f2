import type { ReactNode } from 'react';

export interface SummaryItem {
  key: string;
  value: ReactNode;
}

/**
 * Key–value pairs on the design system's data-summary classes (its DataSummaryItem takes only text;
 * here a value may hold a status tag or a link).
 */
export function SummaryList({ items, className }: { items: SummaryItem[]; className?: string }) {
  return (
    <dl className={`rhc-data-summary rhc-data-summary--row kp-summary${className ? ` ${className}` : ''}`}>
      {items.map((item) => (
        <div key={item.key} className="rhc-data-summary__item">
          <dt className="rhc-data-summary__item-key">{item.key}</dt>
          <dd className="rhc-data-summary__item-value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
