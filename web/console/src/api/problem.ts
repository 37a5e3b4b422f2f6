/** An RFC 9457 problem as PartyGrid's services write it: a code, a title, errors per field. */
export interface Problem {
  status?: number | null;
  title?: string | null;
  detail?: string | null;
  code?: string;
  errors?: Record<string, string[]>;
}

export function asProblem(value: unknown): Problem {
  return typeof value === 'object' && value !== null ? (value as Problem) : {};
}

/**
 * The field errors of a problem keyed as the form names its fields: the API names nested fields
 * `requester.phone` or `attributes.area`, in camel case like the request body.
 */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    const first = messages[0];
    if (first) {
      out[field] = first;
    }
  }
  return out;
}

/** One line for a message box: the problem's detail, else its title, else the status. */
export function describe(problem: Problem, fallback = '操作失败，请稍后重试。'): string {
  return problem.detail ?? problem.title ?? fallback;
}
