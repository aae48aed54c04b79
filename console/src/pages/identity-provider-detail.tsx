// One identity provider's page, named by its ARN: what IAM holds for it (GetOpenIDConnectProvider:
// URL, audiences, thumbprints; GetSAMLProvider: the metadata document and its validity), its tags,
// and "Delete provider".
import { useCallback, type ReactNode } from 'react';
import { ConfirmAction } from '../components/confirm-action.tsx';
import { EntityHeading } from '../components/entity-heading.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { SummaryList } from '../components/summary-list.tsx';
import { TagsSection } from '../components/tags-section.tsx';
import { formatDate } from '../format.ts';
import { PROVIDER_TYPES, providerOf } from '../identity-provider.ts';
import { navigate } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { Panel } from '../components/panel.tsx';

interface OidcProvider {
  Url?: string;
  ClientIDList?: string[];
  ThumbprintList?: string[];
  CreateDate?: string;
}

interface SamlProvider {
  SAMLMetadataDocument?: string;
  CreateDate?: string;
  ValidUntil?: string;
}

const list = (values: readonly string[] | undefined) =>
  values === undefined || values.length === 0 ? 'None' : <code>{values.join(', ')}</code>;

export function IdentityProviderDetailPage({ providerArn }: { providerArn: string }) {
  const call = useCall();
  const provider = providerOf(providerArn);
  const api = PROVIDER_TYPES[provider.type];
  const details = useLoad(
    useCallback(
      (): Promise<{ facts: (readonly [string, ReactNode])[]; metadata?: string }> =>
        provider.type === 'OIDC'
          ? call<OidcProvider>('iam', 'GetOpenIDConnectProvider', {
              OpenIDConnectProviderArn: providerArn,
            }).then((p) => ({
              facts: [
                ['URL', <code>{p.Url}</code>],
                ['Audiences', list(p.ClientIDList)],
                ['Thumbprints', list(p.ThumbprintList)],
                ['Created', formatDate(p.CreateDate)],
              ],
            }))
          : call<SamlProvider>('iam', 'GetSAMLProvider', { SAMLProviderArn: providerArn }).then((p) => ({
              facts: [
                ['Created', formatDate(p.CreateDate)],
                ['Valid until', formatDate(p.ValidUntil)],
              ],
              metadata: p.SAMLMetadataDocument,
            })),
      [call, provider.type, providerArn],
    ),
  );
  return (
    <>
      <EntityHeading
        list="identity-providers"
        listLabel="identity providers"
        name={provider.name}
        actions={
          <ConfirmAction
            trigger="Delete provider"
            title={`Delete identity provider ${provider.name}?`}
            confirm="Delete"
            onConfirm={async () => {
              await call('iam', `Delete${api.noun}`, { [api.arnMember]: providerArn });
              navigate({ page: 'identity-providers' });
            }}
          >
            <p>
              Roles that trust this provider can no longer be assumed with its tokens or assertions. Sessions
              already issued last until they expire.
            </p>
          </ConfirmAction>
        }
      />
      <ErrorAlert error={details.error} />
      {details.data === undefined ? null : (
        <>
          <SummaryList
            items={[['ARN', <code>{providerArn}</code>], ['Type', api.label], ...details.data.facts]}
          />
          {details.data.metadata === undefined ? null : (
            <Panel title="Metadata document">
              <pre className="policy-document" tabIndex={0} aria-label="Metadata document">
                {details.data.metadata}
              </pre>
            </Panel>
          )}
          <TagsSection entity={api.noun} id={providerArn} />
        </>
      )}
    </>
  );
}
