/**
 * Build problems as values. Every problem names the file (relative to the
 * project, so the editor can open it) and the line where one is known, says
 * what happened and what to do. Steps collect problems; the orchestrator
 * throws one BuildError with the whole list at the boundary.
 */

export interface Problem {
  /** Path of the file at fault, relative to the working directory. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** What happened. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Set on the audit's findings: they are listed after every other problem, which is usually one line to fix. */
  audit?: boolean;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.message}${p.hint ? `\n    → ${p.hint}` : ''}`;
}

export class BuildError extends Error {
  readonly problems: Problem[];
  constructor(unsorted: Problem[], summary = 'The build stopped') {
    const problems = sortProblems(unsorted);
    const n = problems.length;
    super(`${summary}: ${n} problem${n === 1 ? '' : 's'} in the content.\n\n${problems.map(formatProblem).join('\n')}\n`);
    this.name = 'BuildError';
    this.problems = problems;
  }
}

/**
 * A failure of one document's processing with a reason meant for the editor
 * (corrupt, encrypted, empty, timed out...). Thrown inside processors; the
 * orchestrator turns it into a Problem naming the file.
 */
export class DocumentError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'DocumentError';
    this.hint = hint;
  }
}

/** Content problems first (by file and line), then the audit's findings in the order the audit gives them. */
function sortProblems(problems: Problem[]): Problem[] {
  const content = problems.filter((p) => !p.audit).sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return [...content, ...problems.filter((p) => p.audit)];
}
