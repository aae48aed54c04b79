// Long lists (a thousand AWS managed policies) shown a page at a time: the rows to render, and a
// "Show more" button while any are left.
import { useState, type ReactNode } from 'react';

export function useShowMore<T>(rows: readonly T[] | undefined, step = 50): { shown?: T[]; more: ReactNode } {
  const [count, setCount] = useState(step);
  const left = rows === undefined ? 0 : rows.length - count;
  return {
    shown: rows?.slice(0, count),
    more:
      left > 0 ? (
        <button type="button" className="show-more" onClick={() => setCount((n) => n + step)}>
          Show more ({left} not shown)
        </button>
      ) : null,
  };
}
