/**
 * Where the simulation simplifies the real service, said in words (fidelity: learners carry what
 * they see to AWS). Shown at the end of the dock's data tab, beside the tables and stream it is about.
 *
 * May import: React. May not import: anything with state.
 */
export function SimplifiedNotes() {
  return (
    <aside className="notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Simplified here, different on AWS</h2>
      <ul>
        <li>Records appear in the stream at the moment of the write; on AWS they arrive asynchronously, usually within a second.</li>
        <li>The table and its stream are usable at once; AWS reports CREATING and ENABLING for a few seconds first.</li>
        <li>A new on-demand table starts with 4 partitions here, so 4 shards; AWS picks its own count and changes it as the table grows.</li>
        <li>Global tables: a write reaches the other Regions after a delay drawn uniformly between 0.5 and 1.5 s; AWS replicates asynchronously, typically within a second, with no documented distribution. Ties between equal timestamps go to the Region whose name sorts last; AWS does not document its tie-break.</li>
      </ul>
    </aside>
  );
}
