// The form that adds an identity provider: OpenID Connect (CreateOpenIDConnectProvider: the issuer
// URL, its audiences, optional thumbprints) or SAML (CreateSAMLProvider: a name and the IdP's
// metadata document, typed or read from a file); the new provider's page opens.
import { useState, type ChangeEvent } from 'react';
import { ActionForm } from '../../components/action-form.tsx';
import { Panel } from '../../components/panel.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextAreaField } from '../../components/text-area-field.tsx';
import { CodeField } from '../../components/text-field.tsx';
import { PROVIDER_TYPES, type ProviderType } from '../../identity-provider.ts';
import { navigate } from '../../router.ts';
import { useAction } from '../../use-action.ts';
import { useCall } from '../../use-api.ts';

const TYPES = (['OIDC', 'SAML'] as const).map((value) => ({ value, label: PROVIDER_TYPES[value].label }));

/** A list typed with commas, spaces or one item a line. */
const items = (text: string) => text.split(/[\s,]+/).filter((item) => item !== '');

export function CreateProviderForm() {
  const call = useCall();
  const [type, setType] = useState<ProviderType>('OIDC');
  const [url, setUrl] = useState('');
  const [audiences, setAudiences] = useState('');
  const [thumbprints, setThumbprints] = useState('');
  const [name, setName] = useState('');
  const [metadata, setMetadata] = useState('');
  const action = useAction();

  const create = () =>
    void action.run(async () => {
      const arn =
        type === 'OIDC'
          ? await call<{ OpenIDConnectProviderArn: string }>('iam', 'CreateOpenIDConnectProvider', {
              Url: url.trim(),
              ClientIDList: items(audiences),
              ...(items(thumbprints).length > 0 ? { ThumbprintList: items(thumbprints) } : {}),
            }).then((answer) => answer.OpenIDConnectProviderArn)
          : await call<{ SAMLProviderArn: string }>('iam', 'CreateSAMLProvider', {
              Name: name.trim(),
              SAMLMetadataDocument: metadata,
            }).then((answer) => answer.SAMLProviderArn);
      navigate({ page: 'identity-provider', name: arn });
    });
  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setMetadata);
  };

  return (
    <Panel title="Add provider">
      <ActionForm action={action} onSubmit={create} submit="Add provider" primary>
        <SelectField
          label="Provider type"
          value={type}
          onChange={(value) => setType(value === 'SAML' ? 'SAML' : 'OIDC')}
          choices={TYPES}
        />
        {type === 'OIDC' ? (
          <>
            <CodeField
              label="Provider URL"
              type="url"
              value={url}
              onChange={setUrl}
              placeholder="https://token.actions.githubusercontent.com"
              required
            />
            <CodeField
              label="Audiences"
              value={audiences}
              onChange={setAudiences}
              hint="The client IDs tokens are issued for, separated by commas or spaces."
            />
            <CodeField
              label="Thumbprints"
              value={thumbprints}
              onChange={setThumbprints}
              hint="Optional: SHA-1 thumbprints (40 hex digits) of the provider's certificates."
            />
          </>
        ) : (
          <>
            <CodeField label="Provider name" value={name} onChange={setName} required />
            <TextAreaField label="Metadata document" value={metadata} onChange={setMetadata} required />
            <div className="field">
              <label htmlFor="saml-metadata-file">Metadata file (instead of typing it)</label>
              <input
                id="saml-metadata-file"
                type="file"
                accept=".xml,application/xml,text/xml"
                onChange={readFile}
              />
            </div>
          </>
        )}
      </ActionForm>
    </Panel>
  );
}
