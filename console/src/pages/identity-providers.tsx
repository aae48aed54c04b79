// Identity providers: the account's OpenID Connect and SAML providers (ListOpenIDConnectProviders with
// GetOpenIDConnectProvider's creation dates, ListSAMLProviders) in one table, each linking to its
// page, and the form to add one.
import { useCallback } from 'react';
import { mapInBatches } from '../batch.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate } from '../format.ts';
import { PROVIDER_TYPES, providerOf, type ProviderRef } from '../identity-provider.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { CreateProviderForm } from './identity-provider/create-provider-form.tsx';

interface Provider extends ProviderRef {
  CreateDate?: string;
}

const COLUMNS: readonly Column<Provider>[] = [
  {
    header: 'Provider',
    cell: (p) => <a href={href({ page: 'identity-provider', name: p.Arn })}>{p.name}</a>,
  },
  { header: 'Type', cell: (p) => PROVIDER_TYPES[p.type].label },
  { header: 'Created', cell: (p) => formatDate(p.CreateDate) },
];

export function IdentityProvidersPage() {
  const call = useCall();
  const providers = useLoad(
    useCallback(async () => {
      const [oidc, saml] = await Promise.all([
        call<{ OpenIDConnectProviderList?: { Arn: string }[] }>('iam', 'ListOpenIDConnectProviders', {}),
        call<{ SAMLProviderList?: { Arn: string; CreateDate?: string }[] }>('iam', 'ListSAMLProviders', {}),
      ]);
      // ListOpenIDConnectProviders gives ARNs only: each one's creation date is GetOpenIDConnectProvider's
      const openId = await mapInBatches(oidc.OpenIDConnectProviderList ?? [], (p) =>
        call<{ CreateDate?: string }>('iam', 'GetOpenIDConnectProvider', {
          OpenIDConnectProviderArn: p.Arn,
        }).then(
          (answer) => ({ Arn: p.Arn, CreateDate: answer.CreateDate }),
          () => p,
        ),
      );
      const listed: { Arn: string; CreateDate?: string }[] = [...openId, ...(saml.SAMLProviderList ?? [])];
      return listed.map((p): Provider => ({ ...providerOf(p.Arn), CreateDate: p.CreateDate }));
    }, [call]),
  );
  return (
    <>
      <PageHeading>Identity providers</PageHeading>
      <ErrorAlert error={providers.error} />
      <DataTable
        caption="OpenID Connect and SAML identity providers in this account"
        columns={COLUMNS}
        rows={providers.data}
        rowKey={(p) => p.Arn}
        loading={providers.loading}
        empty="No identity providers."
      />
      <CreateProviderForm />
    </>
  );
}
