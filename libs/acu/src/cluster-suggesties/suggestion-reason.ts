/** The numbers behind a suggestion's score, as the suggestion query computes them. */
export interface SuggestionEvidence {
  titleSimilarity: number;
  descriptionSimilarity: number;
  /** the shared theme, when both have the same */
  theme: string | null;
  /** the shared law, when both name the same */
  law: string | null;
}

/** A number as a Dutch reader writes it: two decimals, decimal comma. */
export const dutchDecimal = (n: number): string => n.toFixed(2).replace('.', ',');

/**
 * Why two knelpunten are suggested together, in Dutch words, e.g.
 * "Titels lijken sterk op elkaar (overeenkomst 0,72); zelfde thema: gegevensdeling".
 */
export function suggestionReason(e: SuggestionEvidence): string {
  const parts: string[] = [];
  const title = e.titleSimilarity;
  const description = e.descriptionSimilarity;
  if (title >= 0.5) parts.push(`titels lijken sterk op elkaar (overeenkomst ${dutchDecimal(title)})`);
  else if (title >= 0.3) parts.push(`titels lijken op elkaar (overeenkomst ${dutchDecimal(title)})`);
  if (description >= 0.4) parts.push(`omschrijvingen lijken sterk op elkaar (overeenkomst ${dutchDecimal(description)})`);
  else if (description >= 0.2) parts.push(`omschrijvingen lijken op elkaar (overeenkomst ${dutchDecimal(description)})`);
  if (parts.length === 0) {
    parts.push(
      `titels en omschrijvingen delen woorden (overeenkomst titel ${dutchDecimal(title)}, omschrijving ${dutchDecimal(description)})`,
    );
  }
  if (e.theme) parts.push(`zelfde thema: ${e.theme}`);
  if (e.law) parts.push(`zelfde wet of regeling: ${e.law}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
