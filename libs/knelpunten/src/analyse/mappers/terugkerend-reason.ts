/** What makes an earlier knelpunt a look-alike, as the SQL found it. */
export interface LookAlike {
  reference: string;
  jaar: number;
  score: number;
  titleAlike: boolean;
  sharedBwbIds: string[];
}

const score = (n: number): string => n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The reason in Dutch words why an earlier knelpunt counts as the same knelpunt coming back. */
export function terugkerendReason(e: LookAlike): string {
  const parts: string[] = [];
  if (e.titleAlike) {
    parts.push(
      `De titel lijkt ${e.score >= 0.8 ? 'sterk ' : ''}op die van ${e.reference} uit de Stand van ${e.jaar} (overeenkomst ${score(e.score)})`,
    );
  }
  if (e.sharedBwbIds.length > 0) {
    const wetten = e.sharedBwbIds.join(', ');
    parts.push(
      `${parts.length > 0 ? 'en het' : `Het`} noemt dezelfde ${e.sharedBwbIds.length === 1 ? 'wet of regeling' : 'wetten of regelingen'} (${wetten}) bij hetzelfde thema${parts.length > 0 ? '' : ` als ${e.reference} uit de Stand van ${e.jaar}`}`,
    );
  }
  return `${parts.join(', ')}.`;
}
