// The top of an entity's page: a breadcrumb back to its list ("All users", so that its link is not
// named as the navigation's "Users" is), then the <h1> with its name and the page's buttons.
import type { ReactNode } from 'react';
import { href, type ListPage } from '../router.ts';
import { PageHeading } from './page-heading.tsx';

interface EntityHeadingProps {
  list: ListPage;
  /** The list's name in the plural, lower case: "users". */
  listLabel: string;
  name: string;
  /** Buttons beside the heading (Delete…). */
  actions?: ReactNode;
}

export function EntityHeading({ list, listLabel, name, actions }: EntityHeadingProps) {
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={href({ page: list })}>All {listLabel}</a> <span aria-hidden="true">›</span> {name}
      </nav>
      <div className="heading-row">
        <PageHeading>{name}</PageHeading>
        {actions === undefined ? null : <div className="form-actions">{actions}</div>}
      </div>
    </>
  );
}
