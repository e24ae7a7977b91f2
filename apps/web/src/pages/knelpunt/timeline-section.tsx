import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { TimelineEntry } from '../../api/types';
import { formatDateTime } from '../../format';
import { actorText, describeTimelineEntry } from './knelpunt-text';

/** The whole timeline, oldest first: when, who (name, role, organisation or driehoek) and what, with its data. */
export function TimelineSection({ timeline }: { timeline: TimelineEntry[] }) {
  return (
    <section aria-labelledby="tijdlijn-titel" className="kp-section">
      <Heading level={2} id="tijdlijn-titel">
        Tijdlijn
      </Heading>
      {timeline.length === 0 ? (
        <Paragraph>Er is nog niets vastgelegd.</Paragraph>
      ) : (
        <ol className="kp-timeline">
          {timeline.map((entry) => {
            const text = describeTimelineEntry(entry);
            return (
              <li key={entry.id} className="kp-timeline__item">
                <p className="kp-timeline__what">
                  <strong>{text.title}</strong>
                </p>
                <p className="kp-timeline__meta">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · door {actorText(entry.actor)}
                </p>
                {text.transition ? <p className="kp-timeline__transition">{text.transition}</p> : null}
                {text.items.length > 0 ? (
                  <dl className="kp-timeline__data">
                    {text.items.map((item, i) => (
                      <div key={`${item.label}-${i}`}>
                        <dt>{item.label}</dt>
                        <dd>{item.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
