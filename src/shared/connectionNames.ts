/**
 * What the panel and its exports call each connection of a run: its label, or, when another
 * connection of the run has the same label, the label and its id, so the two stay apart.
 */
export function connectionNames(connections: readonly { id: string; label: string }[]): Map<string, string> {
  const uses = new Map<string, number>();
  for (const { label } of connections) uses.set(label, (uses.get(label) ?? 0) + 1);
  return new Map(connections.map(({ id, label }) => [id, (uses.get(label) ?? 0) > 1 ? `${label} (${id})` : label]));
}
