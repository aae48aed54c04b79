// A page's <h1>, focused when the page opens so keyboard and screen-reader users land on it (unless
// the page puts focus in a form field of its own).
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
