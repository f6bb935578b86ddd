import type { ScenarioProblem } from '../../worker/protocol.ts';

/** "$.memslots[0].pages: must be a positive integer. The current scenario is unchanged." */
export function ProblemText({ problem }: { problem: ScenarioProblem }) {
  const message = problem.message.replace(/\.$/, '');
  return (
    <>
      <code className="problem-path">{problem.path}</code>: {message}.{' '}
      <span className="problem-note">The current scenario is unchanged.</span>
    </>
  );
}
